package org.communitypoints.catalog.domain;

import java.security.SecureRandom;

/**
 * One-time voucher codes: 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), about
 * 50 bits of randomness, so a code cannot be guessed and reads well aloud or from a QR code.
 */
public final class VoucherCodes {

    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public static final int LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private VoucherCodes() {
    }

    public static String next() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** Characters of a code that stay readable when it is masked: enough to tell a voucher in a list, not to use it. */
    public static final int SHOWN = 4;

    /**
     * The code as everybody but the resident who owns it sees it ({@code ****7K2Q}): a partner's counter learns a
     * code from the resident, never from a list, a settlement or an export.
     */
    public static String mask(String code) {
        if (code == null) {
            return null;
        }
        return "****" + code.substring(Math.max(0, code.length() - SHOWN));
    }

    /** Whether a typed code (after {@link #normalise}) can be a code at all: anything else is not looked up. */
    public static boolean isWellFormed(String normalised) {
        if (normalised.length() != LENGTH) {
            return false;
        }
        return normalised.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    /** Codes are typed at the counter: accept lower case and spaces or dashes between groups. */
    public static String normalise(String typed) {
        if (typed == null || typed.length() > 4 * LENGTH) { // not a code, however it is spaced
            return "";
        }
        return typed.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    }
}
