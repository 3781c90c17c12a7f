package org.communitypoints.activity.service;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.config.ActivityConfig;
import org.communitypoints.activity.domain.ExportLogEntry;
import org.communitypoints.activity.repository.ExportLogRepository;
import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.contracts.export.ShiftExportItem;
import org.communitypoints.platform.web.ProblemException;

/**
 * The reconciliation export: every verification and correction of every community, read in pages.
 * The cursor is "transactionId-sequence" of the last entry read; it is opaque to clients.
 */
@ApplicationScoped
public class ExportService {

    private static final Pattern CURSOR = Pattern.compile("(\\d{1,20})-(\\d{1,19})");

    private final ExportLogRepository exportLog;
    private final ActivityConfig config;

    public ExportService(ExportLogRepository exportLog, ActivityConfig config) {
        this.exportLog = exportLog;
        this.config = config;
    }

    /** Read-only without a transaction id of its own, so the export never holds back its own horizon. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public ExportPage<ShiftExportItem> shifts(String after, Integer limit) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > config.exportMaxLimit()) {
            throw ProblemException.badRequest("INVALID_LIMIT", "limit must be between 1 and " + config.exportMaxLimit() + ".");
        }
        String tx = "0";
        long seq = 0;
        if (after != null && !after.isBlank()) {
            Matcher m = CURSOR.matcher(after);
            if (!m.matches()) {
                throw ProblemException.badRequest("INVALID_CURSOR", "The cursor is not one this export handed out.");
            }
            tx = m.group(1);
            seq = Long.parseLong(m.group(2));
        }
        List<ExportLogEntry> entries = exportLog.after(tx, seq, size);
        String next = entries.isEmpty() ? tx + "-" + seq
                : entries.get(entries.size() - 1).txId + "-" + entries.get(entries.size() - 1).seq;
        return new ExportPage<>(entries.stream().map(ExportService::item).toList(), next);
    }

    private static ShiftExportItem item(ExportLogEntry e) {
        return new ShiftExportItem(e.type, e.eventId, e.shiftId, e.correctionId, e.memberId, e.communityId, e.points,
                e.previousPoints, e.correctedPoints, e.recordedAt);
    }
}
