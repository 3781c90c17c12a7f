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
import org.communitypoints.catalog.repository.PartnerRepository;
import org.communitypoints.catalog.repository.RedemptionRepository;
import org.communitypoints.contracts.export.PartnerSettlement;
import org.communitypoints.contracts.export.RedemptionState;
import org.communitypoints.contracts.export.SettlementLine;
import org.communitypoints.platform.web.ProblemException;

/** What a partner took at the counter in a period, and who paid for it: residents or the subsidy pool. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SettlementService {

    private static final int MAX_DAYS = 366;

    private final PartnerRepository partners;
    private final RedemptionRepository redemptions;
    private final CatalogConfig config;

    public SettlementService(PartnerRepository partners, RedemptionRepository redemptions, CatalogConfig config) {
        this.partners = partners;
        this.redemptions = redemptions;
        this.config = config;
    }

    public PartnerSettlement settlement(String communityId, String partnerId, LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw ProblemException.badRequest("INVALID_PERIOD",
                    "Please give a period with from and to (yyyy-mm-dd), to not before from, at most a year.");
        }
        Partner partner = partners.findByIdOptional(partnerId).filter(p -> p.communityId.equals(communityId))
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
        List<SettlementLine> lines = fulfilled.stream()
                .map(r -> new SettlementLine(r.id, r.voucherCode, r.rewardTitle, r.fulfilledAt, r.fulfilledBy,
                        RedemptionState.of(r.state.name()), r.points, r.subsidyPoints))
                .toList();
        return new PartnerSettlement(partner.id, partner.name, from, to, fulfilled.size(), points, subsidy, awaiting,
                failed, lines);
    }
}
