package org.communitypoints.points.domain;

/**
 * An account and its balance.
 *
 * @param posted points that have moved
 * @param pending sum of the account's hold postings: negative while a resident has points held
 */
public record Account(long id, AccountKey key, long posted, long pending) {

    /** Points set aside by holds on this account. */
    public long held() {
        return Math.max(0, -pending);
    }

    /** What the owner can still spend: posted minus held. */
    public long available() {
        return posted - held();
    }
}
