package org.communitypoints.catalog.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.config.CatalogConfig;
import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.repository.RedemptionRepository;
import org.communitypoints.catalog.repository.RedemptionRepository.HistoryRow;
import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.contracts.export.RedemptionChange;
import org.communitypoints.contracts.export.RedemptionExportRow;
import org.communitypoints.contracts.export.RedemptionState;
import org.communitypoints.platform.web.ProblemException;

/**
 * Redemptions for batch reconciliation, across communities. The cursor is the change sequence: a
 * redemption reappears after the cursor each time it changes, always with its whole state history.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ExportService {

    public static final int MAX_LIMIT = 1000;

    private final RedemptionRepository redemptions;
    private final CatalogConfig config;

    public ExportService(RedemptionRepository redemptions, CatalogConfig config) {
        this.redemptions = redemptions;
        this.config = config;
    }

    public ExportPage<RedemptionExportRow> after(long cursor, int limit) {
        if (cursor < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("INVALID_CURSOR",
                    "after must be 0 or more and limit between 1 and " + MAX_LIMIT + ".");
        }
        List<Redemption> changed = redemptions.changedAfter(cursor, Instant.now().minus(config.exportSettle()), limit);
        Map<UUID, List<RedemptionChange>> history = redemptions.history(changed.stream().map(r -> r.id).toList())
                .stream().collect(Collectors.groupingBy(HistoryRow::redemptionId,
                        Collectors.mapping(h -> new RedemptionChange(RedemptionState.of(h.state()), h.reasonCode(), h.at()),
                                Collectors.toList())));
        List<RedemptionExportRow> items = changed.stream()
                .map(r -> new RedemptionExportRow(r.id, r.changeSeq, r.communityId, r.memberId, r.partnerId, r.rewardId,
                        r.rewardTitle, r.points, r.subsidyPoints, RedemptionState.of(r.state.name()), r.voucherCode,
                        r.createdAt, r.fulfilledAt,
                        r.capturedAt, r.releasedAt, r.holdExpiresAt, history.getOrDefault(r.id, List.of())))
                .toList();
        long next = changed.isEmpty() ? cursor : changed.get(changed.size() - 1).changeSeq;
        return new ExportPage<>(items, Long.toString(next));
    }
}
