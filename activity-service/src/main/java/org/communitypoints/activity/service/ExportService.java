package org.communitypoints.activity.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.config.ActivityConfig;
import org.communitypoints.activity.domain.ExportLogEntry;
import org.communitypoints.activity.repository.ExportLogRepository;
import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.contracts.export.ShiftExportItem;
import org.communitypoints.platform.data.ExportCursor;

/**
 * The reconciliation export: every verification and correction of every community, read in pages with
 * the suite's one export cursor (opaque to clients).
 */
@ApplicationScoped
public class ExportService {

    private static final int DEFAULT_PAGE_SIZE = 100;

    private final ExportLogRepository exportLog;
    private final ActivityConfig config;

    public ExportService(ExportLogRepository exportLog, ActivityConfig config) {
        this.exportLog = exportLog;
        this.config = config;
    }

    /** Read-only without a transaction id of its own, so the export never holds back its own horizon. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ExportPage<ShiftExportItem> shifts(String after, Integer limit) {
        ExportCursor cursor = ExportCursor.parse(after);
        int size = ExportCursor.pageSize(limit, DEFAULT_PAGE_SIZE, config.exportMaxLimit());
        List<ExportLogEntry> entries = exportLog.after(cursor, size);
        return new ExportPage<>(entries.stream().map(ExportService::item).toList(),
                cursor.next(entries, e -> e.txId, e -> e.seq).encode());
    }

    private static ShiftExportItem item(ExportLogEntry e) {
        return new ShiftExportItem(e.type, e.eventId, e.shiftId, e.correctionId, e.memberId, e.communityId, e.points,
                e.previousPoints, e.correctedPoints, e.recordedAt);
    }
}
