package org.communitypoints.activity.service;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The rotating check-in code of an activity, TOTP-like (RFC 6238 with HMAC-SHA256): six digits derived from the
 * activity's secret and the number of the time window. Only the service knows the secret, so a code can only be
 * read off the screen the grid worker shows on site.
 */
final class CheckInCodes {

    private static final int DIGITS = 6;
    private static final int MODULUS = 1_000_000;

    private CheckInCodes() {
    }

    /** The number of the window {@code at} falls in. */
    static long window(Instant at, Duration period) {
        return Math.floorDiv(at.toEpochMilli(), period.toMillis());
    }

    static Instant windowStart(long window, Duration period) {
        return Instant.ofEpochMilli(window * period.toMillis());
    }

    static String code(byte[] secret, long window) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(window).array());
            // RFC 4226 dynamic truncation: 31 bits from an offset the hash itself chooses.
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % MODULUS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Compares in constant time, so the answer's timing tells nothing about how much of a guess was right. */
    static boolean matches(String expected, String given) {
        return java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                given.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
