package org.communitypoints.catalog.rest;

import org.communitypoints.catalog.service.CatalogService.DiscountTerms;
import org.communitypoints.catalog.service.CatalogService.NewPartner;
import org.communitypoints.catalog.service.CatalogService.NewReward;
import org.communitypoints.catalog.service.CatalogService.NewSession;
import org.communitypoints.catalog.service.CatalogService.PartnerDetails;
import org.communitypoints.catalog.service.CatalogService.RewardDetails;
import org.communitypoints.catalog.service.CatalogService.SessionDetails;
import org.communitypoints.catalog.service.EligibilityService.AuditPage;
import org.communitypoints.catalog.service.EligibilityService.Household;

/** Requests to the catalog's commands and its service records to responses. */
final class CatalogMapper {

    private CatalogMapper() {
    }

    static NewPartner toCommand(PartnerRequest r) {
        return new NewPartner(r.id(), r.name(), r.kind());
    }

    static PartnerResponse toResponse(PartnerDetails p) {
        return new PartnerResponse(p.id(), p.name(), p.kind());
    }

    static NewReward toCommand(RewardRequest r) {
        DiscountRequest d = r.discount();
        return new NewReward(r.partnerId(), r.kind(), r.title(), r.description(), r.points(), r.dailyQuota(), r.stock(),
                r.hours(), r.validDays(), d == null ? null : new DiscountTerms(d.percent(), d.points(), d.categories()));
    }

    static RewardResponse toResponse(RewardDetails r) {
        DiscountTerms d = r.discount();
        return new RewardResponse(r.id(), r.partnerId(), r.partnerName(), r.kind(), r.title(), r.description(), r.points(),
                r.priceForYou(), d == null ? null : new DiscountResponse(d.percent(), d.points(), d.categories()),
                r.dailyQuota(), r.hours(), r.validDays(), r.left(), r.available(),
                r.sessions() == null ? null : r.sessions().stream().map(CatalogMapper::toResponse).toList());
    }

    static NewSession toCommand(SessionRequest r) {
        return new NewSession(r.startsAt(), r.endsAt(), r.capacity());
    }

    static SessionResponse toResponse(SessionDetails s) {
        return new SessionResponse(s.id(), s.startsAt(), s.endsAt(), s.capacity(), s.seatsLeft());
    }

    static EligibilityResponse toResponse(Household h) {
        return new EligibilityResponse(h.memberId(), h.householdId(), h.categories());
    }

    static EligibilityAuditResponse toResponse(AuditPage page) {
        return new EligibilityAuditResponse(page.changes().stream()
                .map(c -> new EligibilityAuditResponse.Change(c.id(), c.memberId(), c.householdId(), c.category(),
                        c.action(), c.changedBy(), c.changedAt()))
                .toList(), page.nextBefore());
    }
}
