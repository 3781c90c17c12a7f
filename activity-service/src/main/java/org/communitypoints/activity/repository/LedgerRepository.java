package org.communitypoints.activity.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.communitypoints.activity.rest.ShiftViews.ExportItem;
import org.hibernate.Session;

/** The append-only list of points-bearing facts the reconciliation export pages through. */
@ApplicationScoped
public class LedgerRepository {

    private final EntityManager em;

    public LedgerRepository(EntityManager em) {
        this.em = em;
    }

    public void append(String type, UUID shiftId, UUID correctionId, String communityId, String memberId, Long points,
            Long previousPoints, Long correctedPoints, UUID eventId, Instant at) {
        em.unwrap(Session.class).createNativeMutationQuery("""
                insert into shift_ledger (entry_type, shift_id, correction_id, community_id, member_id, points,
                                          previous_points, corrected_points, event_id, recorded_at)
                values (:t, :s, :corr, :c, :m, :p, :pp, :cp, :e, :at)""")
                .setParameter("t", type).setParameter("s", shiftId).setParameter("corr", correctionId, UUID.class)
                .setParameter("c", communityId).setParameter("m", memberId)
                .setParameter("p", points, Long.class).setParameter("pp", previousPoints, Long.class)
                .setParameter("cp", correctedPoints, Long.class).setParameter("e", eventId)
                .setParameter("at", Timestamp.from(at))
                .executeUpdate();
    }

    /** One page after the cursor position (txId, seq). */
    public record Row(String txId, long seq, ExportItem item) {
    }

    /**
     * Rows of transactions that finished before every transaction still running began, in (transaction,
     * sequence) order. Any transaction that commits later has a larger id than all of them, so its rows
     * land after the cursor: no gaps, no repeats, while writes go on.
     */
    @SuppressWarnings("unchecked")
    public List<Row> after(String txId, long seq, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                select tx_id::text, seq, entry_type, event_id, shift_id, correction_id, member_id, community_id,
                       points, previous_points, corrected_points, recorded_at
                from shift_ledger
                where (tx_id, seq) > (cast(:tx as xid8), :seq)
                  and tx_id < pg_snapshot_xmin(pg_current_snapshot())
                order by tx_id, seq
                limit :limit""")
                .setParameter("tx", txId).setParameter("seq", seq).setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(r -> new Row((String) r[0], ((Number) r[1]).longValue(),
                new ExportItem((String) r[2], (UUID) r[3], (UUID) r[4], (UUID) r[5], (String) r[6], (String) r[7],
                        number(r[8]), number(r[9]), number(r[10]), SignUpRepository.instant(r[11]))))
                .toList();
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
