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
 * @param shiftMinutes the shift a shift credit or correction belongs to and the minutes it stands at after it; null on
 *        every other kind
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
        String actedBy,
        ShiftMinutes shiftMinutes) {

    /** A transaction that needed no second person. */
    public JournalTransaction(UUID id, String communityId, TransactionKind kind, String causeType, String causeId,
            String description, String actor, String reason, List<Posting> postings) {
        this(id, communityId, kind, causeType, causeId, description, actor, reason, postings, null, null, null);
    }

    /** A transaction approved by a second staff member (or needing none, when {@code approvedBy} is null). */
    public JournalTransaction(UUID id, String communityId, TransactionKind kind, String causeType, String causeId,
            String description, String actor, String reason, List<Posting> postings, String approvedBy) {
        this(id, communityId, kind, causeType, causeId, description, actor, reason, postings, approvedBy, null, null);
    }

    /** A transaction a proxy may have made for the resident. */
    public JournalTransaction(UUID id, String communityId, TransactionKind kind, String causeType, String causeId,
            String description, String actor, String reason, List<Posting> postings, String approvedBy,
            String actedBy) {
        this(id, communityId, kind, causeType, causeId, description, actor, reason, postings, approvedBy, actedBy,
                null);
    }

    /** The same transaction recording the minutes of the shift it books. */
    public JournalTransaction withShiftMinutes(UUID shiftId, int minutes) {
        return new JournalTransaction(id, communityId, kind, causeType, causeId, description, actor, reason, postings,
                approvedBy, actedBy, new ShiftMinutes(shiftId, minutes));
    }

    public JournalTransaction {
        long posted = postings.stream().filter(p -> !p.pending()).mapToLong(Posting::amount).sum();
        long pending = postings.stream().filter(Posting::pending).mapToLong(Posting::amount).sum();
        if (posted != 0 || pending != 0 || postings.size() < 2) {
            throw new IllegalArgumentException("transaction " + id + " does not balance");
        }
    }
}
