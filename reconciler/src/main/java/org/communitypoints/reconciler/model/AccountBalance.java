package org.communitypoints.reconciler.model;

/**
 * One account as the points service reports it.
 *
 * @param posted the sum of its posted (not pending) postings according to the service
 * @param pending the sum of its pending postings (hold legs): negative on a resident's account while
 *        points are held
 */
public record AccountBalance(
        String accountId,
        String ownerId,
        AccountType accountType,
        String communityId,
        long posted,
        long pending) {

    public long available() {
        return posted + pending;
    }
}
