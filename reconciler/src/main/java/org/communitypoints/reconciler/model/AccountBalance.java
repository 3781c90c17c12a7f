package org.communitypoints.reconciler.model;

/**
 * One account as the points service reports it.
 *
 * @param posted the sum of its posted (not pending) postings according to the service
 * @param pending the sum of its pending postings (hold legs): negative on a resident's account while
 *        points are held
 * @param storedRow the service's stored balance row and the sums of all its postings read in the same
 *        snapshot, when the export carries them (null otherwise, and for accounts that keep no row)
 */
public record AccountBalance(
        String accountId,
        String ownerId,
        AccountType accountType,
        String communityId,
        long posted,
        long pending,
        StoredRow storedRow) {

    public AccountBalance(String accountId, String ownerId, AccountType accountType, String communityId, long posted,
            long pending) {
        this(accountId, ownerId, accountType, communityId, posted, pending, null);
    }

    /** The balance row the service's hold check relies on, next to what all its postings add up to. */
    public record StoredRow(long posted, long pending, long totalPosted, long totalPending) {

        public boolean matchesPostings() {
            return posted == totalPosted && pending == totalPending;
        }
    }

    public long available() {
        return posted + pending;
    }
}
