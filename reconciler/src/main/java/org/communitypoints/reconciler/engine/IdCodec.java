package org.communitypoints.reconciler.engine;

/**
 * Packs an id into two longs when it is a canonical lower-case UUID or a plain decimal number, so that
 * a million ids cost a million pairs of longs, not a million strings. Anything else stays text.
 */
final class IdCodec {

    static final byte NONE = 0;
    static final byte UUID = 1;
    static final byte NUMBER = 2;
    static final byte TEXT = 3;

    private IdCodec() {
    }

    /** The kind of {@code id}; for UUID and NUMBER, {@code bits} receives the packed value. */
    static byte pack(String id, long[] bits) {
        if (isUuid(id)) {
            bits[0] = hex(id, 0, 8) << 32 | hex(id, 9, 13) << 16 | hex(id, 14, 18);
            bits[1] = hex(id, 19, 23) << 48 | hex(id, 24, 36);
            return UUID;
        }
        if (isPlainNumber(id)) {
            bits[0] = Long.parseLong(id);
            bits[1] = 0;
            return NUMBER;
        }
        return TEXT;
    }

    static String unpack(byte kind, long msb, long lsb) {
        return switch (kind) {
            case UUID -> new java.util.UUID(msb, lsb).toString();
            case NUMBER -> Long.toString(msb);
            default -> throw new IllegalArgumentException("not a packed id: " + kind);
        };
    }

    static int hash(long msb, long lsb) {
        long h = msb * 0x9E3779B97F4A7C15L ^ lsb * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        return (int) (h ^ h >>> 32);
    }

    private static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlainNumber(String s) {
        int n = s.length();
        if (n == 0 || n > 18 || (s.charAt(0) == '0' && n > 1)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long hex(String s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v << 4 | Character.digit(s.charAt(i), 16);
        }
        return v;
    }
}
