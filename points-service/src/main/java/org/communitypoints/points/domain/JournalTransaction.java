package org.communitypoints.points.domain;

import java.util.List;
import java.util.UUID;

/**
 * A movement of points to append to the journal. The id is derived from the cause by the writer, so
 * the same cause can never be booked twice.
 *
 * @param actor who made the movement (the staff member who asked for an adjustment, the system...)
 * @param approvedBy the second staff member who approved it (maker-checker); null when none was needed
 * @param actedBy the proxy (代办) who acted for the resident; null when the resident acted themself
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
        List<Posting> postings,
        String approvedBy,
        String actedBy) {

    /** A transaction that needed no second person. */
    public JournalTransaction(UUID id, String communityId, TransactionKind kind, String causeType, String causeId,
            String description, String actor, String reason, List<Posting> postings) {
        this(id, communityId, kind, causeType, causeId, description, actor, reason, postings, null, null);
    }

    /** A transaction approved by a second staff member (or needing none, when {@code approvedBy} is null). */
    public JournalTransaction(UUID id, String communityId, TransactionKind kind, String causeType, String causeId,
            String description, String actor, String reason, List<Posting> postings, String approvedBy) {
        this(id, communityId, kind, causeType, causeId, description, actor, reason, postings, approvedBy, null);
    }

    public JournalTransaction {
        long posted = postings.stream().filter(p -> !p.pending()).mapToLong(Posting::amount).sum();
        long pending = postings.stream().filter(Posting::pending).mapToLong(Posting::amount).sum();
        if (posted != 0 || pending != 0 || postings.size() < 2) {
            throw new IllegalArgumentException("transaction " + id + " does not balance");
        }
    }
}
