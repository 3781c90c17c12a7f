package org.communitypoints.catalog.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.repository.RedemptionRepository;
import org.communitypoints.catalog.repository.RedemptionRepository.Change;
import org.communitypoints.catalog.repository.RedemptionRepository.HistoryRow;
import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.contracts.export.RedemptionChange;
import org.communitypoints.contracts.export.RedemptionExportRow;
import org.communitypoints.contracts.export.RedemptionState;
import org.communitypoints.platform.data.ExportCursor;

/**
 * Redemptions for batch reconciliation, across communities, on the suite's export cursor ({@link ExportCursor}:
 * writer transaction id and change sequence below the gap-free horizon). A redemption reappears after the
 * cursor each time it changes, always with its whole state history. Reads without a transaction of its own,
 * so it never holds the horizon back.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ExportService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final RedemptionRepository redemptions;

    public ExportService(RedemptionRepository redemptions) {
        this.redemptions = redemptions;
    }

    /**
     * @param after the client's cursor text; null or blank for the beginning
     * @param limit the page size asked for; null for {@value #DEFAULT_LIMIT}
     */
    public ExportPage<RedemptionExportRow> after(String after, Integer limit) {
        ExportCursor cursor = ExportCursor.parse(after);
        int size = ExportCursor.pageSize(limit, DEFAULT_LIMIT, MAX_LIMIT);
        List<Change> changes = redemptions.changedAfter(cursor, size);
        List<UUID> ids = changes.stream().map(Change::redemptionId).toList();
        Map<UUID, Redemption> rows = redemptions.byIds(ids).stream()
                .collect(Collectors.toMap(r -> r.id, Function.identity()));
        Map<UUID, List<RedemptionChange>> history = redemptions.history(ids).stream()
                .collect(Collectors.groupingBy(HistoryRow::redemptionId,
                        Collectors.mapping(h -> new RedemptionChange(RedemptionState.of(h.state()), h.reasonCode(), h.at()),
                                Collectors.toList())));
        List<RedemptionExportRow> items = changes.stream().map(c -> {
            Redemption r = rows.get(c.redemptionId());
            return new RedemptionExportRow(r.id, c.changeSeq(), r.communityId, r.memberId, r.partnerId, r.rewardId,
                    r.rewardTitle, r.points, r.subsidyPoints, RedemptionState.of(r.state.name()), r.voucherCode,
                    r.createdAt, r.fulfilledAt, r.capturedAt, r.releasedAt, r.holdExpiresAt,
                    history.getOrDefault(r.id, List.of()));
        }).toList();
        return new ExportPage<>(items, cursor.next(changes, Change::writerXid, Change::changeSeq).encode());
    }
}
