package org.communitypoints.catalog.rest;

import org.communitypoints.catalog.service.RedemptionService.MemberVoucher;
import org.communitypoints.catalog.service.RedemptionService.NewRedemption;
import org.communitypoints.catalog.service.RedemptionService.PartnerVoucher;
import org.communitypoints.catalog.service.RedemptionService.RedemptionDetails;
import org.communitypoints.catalog.service.RedemptionService.VoucherDetails;

/** Redemption requests to commands, and redemptions and vouchers to responses. */
final class RedemptionMapper {

    private RedemptionMapper() {
    }

    static NewRedemption toCommand(RedemptionRequest r) {
        return new NewRedemption(r.rewardId(), r.sessionId(), r.date());
    }

    static RedemptionResponse toResponse(RedemptionDetails r) {
        VoucherDetails v = r.voucher();
        return new RedemptionResponse(r.id(), r.state(), r.rewardId(), r.rewardKind(), r.rewardTitle(), r.partnerId(),
                r.partnerName(), r.sessionId(), r.mealDay(), r.points(), r.subsidyPoints(), r.subsidyCategory(),
                r.reasonCode(), r.reasonDetail(),
                v == null ? null : new VoucherResponse(v.code(), v.validFrom(), v.validUntil(), v.state()),
                r.createdAt(), r.fulfilledAt(), r.capturedAt(), r.releasedAt());
    }

    static MyVoucherResponse toResponse(MemberVoucher v) {
        return new MyVoucherResponse(v.redemptionId(), v.code(), v.rewardTitle(), v.partnerName(), v.validFrom(),
                v.validUntil(), v.state());
    }

    static PartnerVoucherResponse toResponse(PartnerVoucher v) {
        return new PartnerVoucherResponse(v.redemptionId(), v.code(), v.rewardTitle(), v.validFrom(), v.validUntil(),
                v.state(), v.fulfilledAt(), v.points(), v.subsidyPoints());
    }
}
