package org.communitypoints.catalog.rest;

import java.util.Locale;

import org.communitypoints.catalog.service.RedemptionService.MemberVoucher;
import org.communitypoints.catalog.service.RedemptionService.NewRedemption;
import org.communitypoints.catalog.service.RedemptionService.PartnerVoucher;
import org.communitypoints.catalog.service.RedemptionService.RedemptionDetails;
import org.communitypoints.catalog.service.RedemptionService.VoucherDetails;
import org.communitypoints.catalog.service.RedemptionService.VoucherLookup;
import org.communitypoints.platform.web.ProblemMessages;

/** Redemption requests to commands, and redemptions and vouchers to responses. */
final class RedemptionMapper {

    /** Catalog keys of the reasons on a redemption: {@code reason.SUBSIDY_POOL_EXHAUSTED}. */
    static final String REASON_PREFIX = "reason.";

    private RedemptionMapper() {
    }

    static NewRedemption toCommand(RedemptionRequest r) {
        return new NewRedemption(r.rewardId(), r.sessionId(), r.date());
    }

    /**
     * For the resident and community staff. The reason is in the reader's language where this service has a text
     * for its code ({@code reason.CODE} in problems.properties, e.g. SUBSIDY_POOL_EXHAUSTED); otherwise the text
     * that came with it (points-service's for INSUFFICIENT_POINTS, which names the amounts).
     */
    static RedemptionResponse toResponse(RedemptionDetails r, Locale locale) {
        return new RedemptionResponse(r.id(), r.state(), r.rewardId(), r.rewardKind(), r.rewardTitle(), r.partnerId(),
                r.partnerName(), r.sessionId(), r.mealDay(), r.points(), r.subsidyPoints(), r.subsidyCategory(),
                r.reasonCode(), reason(r.reasonCode(), r.reasonDetail(), locale), toResponse(r.voucher()),
                r.createdAt(), r.fulfilledAt(), r.capturedAt(), r.releasedAt(), r.actedBy());
    }

    /** For a partner's counter: see {@link CounterRedemptionResponse} for what is left out and why. */
    static CounterRedemptionResponse toCounterResponse(RedemptionDetails r) {
        return new CounterRedemptionResponse(r.id(), r.state(), r.rewardId(), r.rewardKind(), r.rewardTitle(),
                r.partnerId(), r.sessionId(), r.mealDay(), r.reasonCode(), toResponse(r.voucher()), r.createdAt(),
                r.fulfilledAt());
    }

    static String reason(String code, String detail, Locale locale) {
        if (code == null) {
            return detail;
        }
        return ProblemMessages.text(REASON_PREFIX + code, locale).orElse(detail);
    }

    private static VoucherResponse toResponse(VoucherDetails v) {
        return v == null ? null : new VoucherResponse(v.code(), v.validFrom(), v.validUntil(), v.state());
    }

    static MyVoucherResponse toResponse(MemberVoucher v) {
        return new MyVoucherResponse(v.redemptionId(), v.code(), v.rewardTitle(), v.partnerName(), v.validFrom(),
                v.validUntil(), v.state(), v.actedBy());
    }

    static PartnerVoucherResponse toResponse(PartnerVoucher v) {
        return new PartnerVoucherResponse(v.redemptionId(), v.code(), v.rewardTitle(), v.validFrom(), v.validUntil(),
                v.state(), v.fulfilledAt(), v.points(), v.subsidyPoints());
    }

    static VoucherLookupResponse toResponse(VoucherLookup v) {
        return new VoucherLookupResponse(v.code(), v.state(), v.validFrom(), v.validUntil(), v.rewardId(),
                v.rewardKind(), v.rewardTitle(), v.partnerId(), v.partnerName(),
                v.session() == null ? null
                        : new VoucherLookupResponse.Session(v.session().id(), v.session().startsAt(), v.session().endsAt()),
                v.mealDay(), v.residentName(), v.fulfilledAt());
    }
}
