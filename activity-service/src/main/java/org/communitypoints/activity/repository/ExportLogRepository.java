package org.communitypoints.activity.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.activity.domain.ExportLogEntry;
import org.communitypoints.platform.data.ExportCursor;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The append-only log of points-bearing facts that the reconciliation export pages through. */
@ApplicationScoped
public class ExportLogRepository implements PanacheRepositoryBase<ExportLogEntry, Long> {

    /**
     * Up to {@code limit} entries after the cursor, on the gap-free horizon of {@link ExportCursor}: only
     * entries of transactions that ended before every transaction still running began, in (transaction,
     * sequence) order, so an entry committed later always lands after the cursor.
     */
    @SuppressWarnings("unchecked")
    public List<ExportLogEntry> after(ExportCursor cursor, int limit) {
        return getEntityManager().createNativeQuery("select * from shift_export_log where "
                + ExportCursor.pageCondition("tx_id", "seq") + " order by tx_id, seq limit ?", ExportLogEntry.class)
                .setParameter(1, cursor.writerXid()).setParameter(2, cursor.sequence()).setParameter(3, limit)
                .getResultList();
    }
}
