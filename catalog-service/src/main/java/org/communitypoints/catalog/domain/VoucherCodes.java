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

    /** Codes are typed at the counter: accept lower case and spaces or dashes between groups. */
    public static String normalise(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    }
}
