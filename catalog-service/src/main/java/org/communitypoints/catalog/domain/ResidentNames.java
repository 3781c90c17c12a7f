package org.communitypoints.catalog.domain;

/**
 * A resident's name as a partner's counter may read it: enough to see that the voucher shown is the person's own
 * ({@code 王*明}, {@code 李*}), not enough to learn who redeemed what.
 */
public final class ResidentNames {

    private ResidentNames() {
    }

    /**
     * The first character kept, and the last one too when the name has three or more; every other character (a
     * space included) becomes one {@code *}. Counted in code points, so a name outside the basic plane is not cut
     * in half.
     */
    public static String mask(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        int[] points = name.strip().codePoints().toArray();
        if (points.length == 1) {
            return "*";
        }
        StringBuilder masked = new StringBuilder().appendCodePoint(points[0]);
        int hidden = points.length >= 3 ? points.length - 2 : 1;
        masked.append("*".repeat(hidden));
        if (points.length >= 3) {
            masked.appendCodePoint(points[points.length - 1]);
        }
        return masked.toString();
    }
}
