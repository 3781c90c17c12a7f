package org.communitypoints.points.domain;

import java.util.List;
import java.util.UUID;

/**
 * A movement of points to append to the journal. The id is derived from the cause by the writer, so
 * the same cause can never be booked twice.
 */
public record JournalTransaction(
        UUID id,
        String communityId,
        TransactionKind kind,
        String causeType,
        String causeId,
        String description,
        String actor,
        String reason,
        List<Posting> postings) {

    public JournalTransaction {
        long posted = postings.stream().filter(p -> !p.pending()).mapToLong(Posting::amount).sum();
        long pending = postings.stream().filter(Posting::pending).mapToLong(Posting::amount).sum();
        if (posted != 0 || pending != 0 || postings.size() < 2) {
            throw new IllegalArgumentException("transaction " + id + " does not balance");
        }
    }
}
