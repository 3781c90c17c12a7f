package org.communitypoints.activity.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.activity.domain.ExportLogEntry;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The append-only log of points-bearing facts that the reconciliation export pages through. */
@ApplicationScoped
public class ExportLogRepository implements PanacheRepositoryBase<ExportLogEntry, Long> {

    /**
     * Entries of transactions that finished before every transaction still running began, after the position
     * (txId, seq), in (transaction, sequence) order. Any transaction that commits later has a larger id than
     * all of them, so its entries land after the cursor: no gaps, no repeats, while writes go on.
     */
    @SuppressWarnings("unchecked")
    public List<ExportLogEntry> after(String txId, long seq, int limit) {
        return getEntityManager().createNativeQuery("""
                select * from shift_export_log
                where (tx_id, seq) > (cast(:tx as xid8), :seq)
                  and tx_id < pg_snapshot_xmin(pg_current_snapshot())
                order by tx_id, seq
                limit :limit""", ExportLogEntry.class)
                .setParameter("tx", txId).setParameter("seq", seq).setParameter("limit", limit)
                .getResultList();
    }
}
