package org.communitypoints.points.domain;

/**
 * One leg of a journal transaction: points into (positive) or out of (negative) an account.
 *
 * @param pending true for the legs of a hold: they count as held, not as posted
 */
public record Posting(AccountKey account, long amount, boolean pending) {

    public static Posting posted(AccountKey account, long amount) {
        return new Posting(account, amount, false);
    }

    public static Posting pending(AccountKey account, long amount) {
        return new Posting(account, amount, true);
    }
}
