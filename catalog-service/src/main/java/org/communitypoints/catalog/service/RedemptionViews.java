package org.communitypoints.catalog.service;

import java.time.Instant;

import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.rest.MyVoucher;
import org.communitypoints.catalog.rest.RedemptionResponse;
import org.communitypoints.catalog.rest.VoucherResponse;

/** Entities stay inside the service: these are the shapes that leave it. */
final class RedemptionViews {

    private RedemptionViews() {
    }

    static RedemptionResponse of(Redemption r, Instant now) {
        VoucherResponse voucher = r.voucherCode == null ? null
                : new VoucherResponse(r.voucherCode, r.validFrom, r.validUntil, r.voucherState(now));
        return new RedemptionResponse(r.id, r.state, r.rewardId, r.rewardKind, r.rewardTitle, r.partnerId,
                r.partnerName, r.sessionId, r.mealDay, r.points, r.subsidyPoints, r.subsidyCategory, r.reasonCode,
                r.reasonDetail, voucher, r.createdAt, r.fulfilledAt, r.capturedAt, r.releasedAt);
    }

    static MyVoucher voucher(Redemption r, Instant now) {
        return new MyVoucher(r.id, r.voucherCode, r.rewardTitle, r.partnerName, r.validFrom, r.validUntil,
                r.voucherState(now));
    }
}
