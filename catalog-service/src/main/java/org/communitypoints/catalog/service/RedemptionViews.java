package org.communitypoints.catalog.service;

import java.time.Instant;

import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.domain.VoucherState;
import org.communitypoints.catalog.rest.MyVoucher;
import org.communitypoints.catalog.rest.PartnerVoucher;
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

    /** For partner staff: a code not yet used is masked, so nobody at the counter can use it without the resident. */
    static RedemptionResponse forPartner(Redemption r, Instant now) {
        RedemptionResponse full = of(r, now);
        if (full.voucher() == null || full.voucher().state() == VoucherState.USED) {
            return full;
        }
        VoucherResponse v = full.voucher();
        return new RedemptionResponse(full.id(), full.state(), full.rewardId(), full.rewardKind(), full.rewardTitle(),
                full.partnerId(), full.partnerName(), full.sessionId(), full.mealDay(), full.points(), full.subsidyPoints(),
                full.subsidyCategory(), full.reasonCode(), full.reasonDetail(),
                new VoucherResponse(mask(v.code()), v.validFrom(), v.validUntil(), v.state()), full.createdAt(),
                full.fulfilledAt(), full.capturedAt(), full.releasedAt());
    }

    static PartnerVoucher partnerVoucher(Redemption r, Instant now) {
        VoucherState state = r.voucherState(now);
        return new PartnerVoucher(r.id, state == VoucherState.USED ? r.voucherCode : mask(r.voucherCode), r.rewardTitle,
                r.validFrom, r.validUntil, state, r.fulfilledAt, r.points, r.subsidyPoints);
    }

    private static String mask(String code) {
        return "*".repeat(code.length() - 3) + code.substring(code.length() - 3);
    }

    static MyVoucher voucher(Redemption r, Instant now) {
        return new MyVoucher(r.id, r.voucherCode, r.rewardTitle, r.partnerName, r.validFrom, r.validUntil,
                r.voucherState(now));
    }
}
