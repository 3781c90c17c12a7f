package org.communitypoints.catalog.service;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.config.CatalogConfig;
import org.communitypoints.catalog.domain.Partner;
import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.catalog.repository.CatalogRepository;
import org.communitypoints.catalog.repository.RedemptionRepository;
import org.communitypoints.catalog.rest.SettlementResponse;
import org.communitypoints.platform.web.ProblemException;

/** What a partner took at the counter in a period, and who paid for it: residents or the subsidy pool. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SettlementService {

    private static final int MAX_DAYS = 366;

    private final CatalogRepository catalog;
    private final RedemptionRepository redemptions;
    private final CatalogConfig config;

    public SettlementService(CatalogRepository catalog, RedemptionRepository redemptions, CatalogConfig config) {
        this.catalog = catalog;
        this.redemptions = redemptions;
        this.config = config;
    }

    public SettlementResponse settlement(String communityId, String partnerId, LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw ProblemException.badRequest("INVALID_PERIOD",
                    "Please give a period with from and to (yyyy-mm-dd), to not before from, at most a year.");
        }
        Partner partner = catalog.partner(partnerId).filter(p -> p.communityId.equals(communityId))
                .orElseThrow(() -> ProblemException.notFound("PARTNER_NOT_FOUND", "This partner is not in your community."));
        ZoneId zone = config.zone();
        List<Redemption> fulfilled = redemptions.fulfilledBy(partnerId, from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant());
        long points = 0;
        long subsidy = 0;
        long awaiting = 0;
        long failed = 0;
        for (Redemption r : fulfilled) {
            switch (r.state) {
                case CAPTURED -> {
                    points += r.points;
                    subsidy += r.subsidyPoints;
                }
                case FULFILLED -> awaiting++;
                case CAPTURE_FAILED -> failed++;
                default -> {
                }
            }
        }
        List<SettlementResponse.Line> lines = fulfilled.stream()
                .map(r -> new SettlementResponse.Line(r.id, r.voucherCode, r.rewardTitle, r.fulfilledAt, r.fulfilledBy,
                        r.state, r.points, r.subsidyPoints))
                .toList();
        return new SettlementResponse(partner.id, partner.name, from, to, fulfilled.size(), points, subsidy, awaiting,
                failed, lines);
    }

    /** CSV for spreadsheets: UTF-8 with a byte-order mark so Excel shows Chinese titles correctly. */
    public static String csv(SettlementResponse s) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append("redemption_id,voucher_code,reward,fulfilled_at,fulfilled_by,state,resident_points,subsidy_points\r\n");
        for (SettlementResponse.Line l : s.lines()) {
            out.append(l.redemptionId()).append(',')
                    .append(cell(l.voucherCode())).append(',')
                    .append(cell(l.rewardTitle())).append(',')
                    .append(l.fulfilledAt()).append(',')
                    .append(cell(l.fulfilledBy())).append(',')
                    .append(l.state()).append(',')
                    .append(l.state() == RedemptionState.CAPTURED ? l.points() : 0).append(',')
                    .append(l.state() == RedemptionState.CAPTURED ? l.subsidyPoints() : 0).append("\r\n");
        }
        return out.toString();
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = value;
        // A leading = + - @ would be run as a formula by spreadsheet programs.
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            safe = "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
