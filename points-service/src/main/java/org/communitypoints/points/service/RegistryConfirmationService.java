package org.communitypoints.points.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.RedemptionReceipt;
import org.communitypoints.contracts.events.HouseholdCategory;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.data.membership.Membership;
import org.communitypoints.platform.data.membership.RegistryCopyBehind;
import org.communitypoints.platform.data.membership.ResidentOnDay;
import org.communitypoints.points.config.PointsConfig;
import org.jboss.logging.Logger;

/**
 * What catalog-service read in its own copy of the registry before asking for a hold, checked again in this service's
 * copy: that the proxy who redeemed holds the resident's REDEEM grant, and that the household had the means-tested
 * category the discount was given for on the day. Each service's copy is written by that service's database role, so
 * a grant or category forged into the catalog's copy (by someone with the catalog's database password) does not move
 * a resident's points or draw on the community's subsidy pool: the hold is refused.
 *
 * <p>
 * Before the copy is read, the request itself must come with the gateway's receipt of it
 * ({@link RedemptionReceiptService}): the registry is read as of the receipt's time, the moment the gateway took the
 * request, which catalog-service cannot choose.
 *
 * <p>
 * A copy missing what the other one had may only be behind: until {@code points.holds.registry-copy-grace} after the
 * request this throws {@link RegistryCopyBehind}, and the poll is applied again a moment later.
 */
@ApplicationScoped
public class RegistryConfirmationService {

    /** The proxy named on the redemption holds no REDEEM grant of the resident in this service's copy. */
    public static final String PROXY_NOT_CONFIRMED = "PROXY_NOT_CONFIRMED";
    /** The resident's household had no such category on the day in this service's copy. */
    public static final String SUBSIDY_NOT_CONFIRMED = "SUBSIDY_NOT_CONFIRMED";
    private static final Logger LOG = Logger.getLogger(RegistryConfirmationService.class);

    private final Membership membership;
    private final RedemptionReceiptService receipts;
    private final PointsConfig config;

    public RegistryConfirmationService(Membership membership, RedemptionReceiptService receipts, PointsConfig config) {
        this.membership = membership;
        this.receipts = receipts;
        this.config = config;
    }

    /**
     * A redemption's claims about the registry, as catalog-service sent them, with the gateway's receipt of the request
     * (its wire form; null when none came).
     */
    public record Claims(UUID redemptionId, String communityId, String memberId, String proxyId,
            long subsidyPoints, String subsidyCategory, String receipt) {

        /** Whether the request claims anything of the registry: a proxy's grant, a discount's category. */
        public boolean toConfirm() {
            return proxyId != null || subsidyPoints > 0;
        }
    }

    /**
     * The request's receipt, then its claims in this service's copy of the registry as of the receipt's time.
     *
     * @return the refusal's code ({@link RedemptionReceiptService#REQUEST_NOT_CONFIRMED}, {@link #PROXY_NOT_CONFIRMED},
     *         {@link #SUBSIDY_NOT_CONFIRMED}), or null when the request and its claims are confirmed
     * @throws RegistryCopyBehind when the copy does not confirm the claims yet, but may still catch up
     */
    public String refusal(Claims claims) {
        Optional<RedemptionReceipt> receipt = receiptOf(claims);
        return receipt.isEmpty() ? RedemptionReceiptService.REQUEST_NOT_CONFIRMED
                : registryRefusal(claims, receipt.get().issuedAt());
    }

    /**
     * The request's receipt alone, for a request whose claims are not to be read in the copy again (a repeated one).
     *
     * @return {@link RedemptionReceiptService#REQUEST_NOT_CONFIRMED}, or null when the receipt confirms the request
     */
    public String receiptRefusal(Claims claims) {
        return receiptOf(claims).isEmpty() ? RedemptionReceiptService.REQUEST_NOT_CONFIRMED : null;
    }

    private Optional<RedemptionReceipt> receiptOf(Claims claims) {
        return receipts.confirming(claims.redemptionId(), claims.memberId(), claims.proxyId(), claims.receipt());
    }

    private String registryRefusal(Claims claims, Instant issuedAt) {
        if (!claims.toConfirm()) {
            return null;
        }
        Instant now = Instant.now();
        // never later than now (a gateway's clock ahead of this one): a time to come would keep the poll waiting, and
        // grants are read as of this moment
        Instant asked = issuedAt.isAfter(now) ? now : issuedAt;
        String refusal = claims.proxyId() != null
                && !membership.mayActFor(claims.communityId(), claims.proxyId(), claims.memberId(),
                        Scope.REDEEM, asked) ? PROXY_NOT_CONFIRMED
                                : claims.subsidyPoints() > 0
                                        && !categoryConfirmed(claims, LocalDate.ofInstant(asked, config.zone()))
                                                ? SUBSIDY_NOT_CONFIRMED
                                                : null;
        if (refusal == null) {
            return null;
        }
        if (now.isBefore(asked.plus(config.holds().registryCopyGrace()))) {
            throw new RegistryCopyBehind("redemption " + claims.redemptionId() + ": " + refusal
                    + " in this service's copy of the registry so far");
        }
        // Either the copy has been behind for longer than the grace, or the other copy held what the registry never
        // gave: someone wrote it there. Staff should look either way.
        LOG.warnf("Redemption %s of %s refused %s: this service's copy of the registry does not confirm %s",
                claims.redemptionId(), claims.memberId(), refusal, PROXY_NOT_CONFIRMED.equals(refusal)
                        ? "the REDEEM grant of proxy " + claims.proxyId()
                        : "the household category " + claims.subsidyCategory());
        receipts.countUnconfirmed(refusal);
        return refusal;
    }

    /**
     * The discount's category valid for the resident's household on the day; any category will do for a request that
     * names none (an older producer), never none at all.
     */
    private boolean categoryConfirmed(Claims claims, LocalDate day) {
        return membership.findOn(claims.communityId(), claims.memberId(), day).map(ResidentOnDay::categories)
                .filter(categories -> claims.subsidyCategory() == null ? !categories.isEmpty()
                        : categories.contains(HouseholdCategory.fromCode(claims.subsidyCategory())))
                .isPresent();
    }

    /** What the resident is told (through catalog-service) when the request or its claims are not confirmed. */
    static String detail(String code, Claims claims) {
        if (RedemptionReceiptService.REQUEST_NOT_CONFIRMED.equals(code)) {
            return "无法确认这次兑换是您本人或您授权的代办人提出的，这次兑换没有冻结您的积分。如确是您要兑换，请重新兑换；如有疑问，请联系社区工作人员。";
        }
        return PROXY_NOT_CONFIRMED.equals(code)
                ? "社区登记里没有 " + claims.proxyId() + " 代您兑换的授权，这次兑换没有冻结您的积分。如需代办，请到社区居委会办理授权。"
                : "社区登记里没有这次优惠价所需的家庭类别，这次兑换没有冻结积分。请到社区居委会核对家庭登记。";
    }

    /** Whether the code is one of this check's refusals (the request's receipt or the registry copy). */
    static boolean isConfirmationRefusal(String code) {
        return RedemptionReceiptService.REQUEST_NOT_CONFIRMED.equals(code) || PROXY_NOT_CONFIRMED.equals(code)
                || SUBSIDY_NOT_CONFIRMED.equals(code);
    }
}
