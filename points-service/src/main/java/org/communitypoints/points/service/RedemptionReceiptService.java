package org.communitypoints.points.service;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.RedemptionReceipt;
import org.communitypoints.points.config.PointsConfig;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Checks the gateway's receipt of a redemption request ({@link RedemptionReceipt}): the gateway signs one for every
 * redemption a signed-in caller asks for, with a secret only it and this service hold, and catalog-service passes it
 * on in the hold request. A request without a receipt signed with that secret, for that redemption, that resident and
 * that proxy was never asked for at the gateway: someone wrote it into the catalog's outbox, and no point moves for it.
 *
 * <p>
 * A missing or wrong receipt is final at once: unlike a registry copy that is behind, a receipt cannot arrive later.
 * The check reads nothing from the database (an HMAC over a short text), so every request can afford it.
 */
@ApplicationScoped
@Startup // a missing or too short secret stops start-up, not the first redemption
public class RedemptionReceiptService {

    /** The request comes without the gateway's valid receipt of it for this redemption and this resident. */
    public static final String REQUEST_NOT_CONFIRMED = "REQUEST_NOT_CONFIRMED";
    private static final Logger LOG = Logger.getLogger(RedemptionReceiptService.class);

    /**
     * Redemption requests refused because nothing confirms them, by reason (this one, and the registry copy's): each
     * is someone's attempt to move points past the gateway or the registry until shown otherwise, so an operator
     * alerts on any increase ({@code points_redemptions_unconfirmed_total}). A poll rolled back and applied again
     * counts its refusals again: the figure says that it happens, not exactly how often.
     */
    public static final String UNCONFIRMED_METRIC = "points.redemptions.unconfirmed";

    private final RedemptionReceipt.Secret secret;
    private final MeterRegistry meters;

    public RedemptionReceiptService(PointsConfig config, MeterRegistry meters) {
        this.secret = RedemptionReceipt.Secret.of(config.holds().receiptSecret());
        this.meters = meters;
    }

    /** Counts one refusal of a request nothing confirms ({@link #UNCONFIRMED_METRIC}). */
    void countUnconfirmed(String reason) {
        meters.counter(UNCONFIRMED_METRIC, "reason", reason).increment();
    }

    /**
     * The receipt in {@code wire} if it confirms the request: signed with the secret, for this redemption, spending
     * this resident's points, asked for by this proxy (by the resident themself when {@code proxyId} is null). Empty
     * for anything else, logged for staff to look at: a hold request nobody asked for at the gateway.
     */
    public Optional<RedemptionReceipt> confirming(UUID redemptionId, String memberId, String proxyId, String wire) {
        Optional<RedemptionReceipt> receipt = RedemptionReceipt.verified(wire, secret);
        String mismatch = wire == null ? "it carries no receipt"
                : receipt.isEmpty() ? "its receipt is malformed or not signed with the gateway's secret"
                        : mismatch(receipt.get(), redemptionId, memberId, proxyId);
        if (mismatch == null) {
            return receipt;
        }
        // never the receipt itself: one not used yet would let whoever reads the log ask for that redemption's hold
        LOG.warnf("Redemption %s of %s refused %s: %s", redemptionId, memberId, REQUEST_NOT_CONFIRMED, mismatch);
        countUnconfirmed(REQUEST_NOT_CONFIRMED);
        return Optional.empty();
    }

    private static String mismatch(RedemptionReceipt receipt, UUID redemptionId, String memberId, String proxyId) {
        if (!receipt.redemptionId().equals(redemptionId)) {
            return "its receipt is of redemption " + receipt.redemptionId();
        }
        if (!receipt.memberId().equals(memberId)) {
            return "its receipt is of resident " + receipt.memberId();
        }
        if (!Objects.equals(receipt.proxyId(), proxyId)) {
            return "its receipt names " + proxy(receipt.proxyId()) + " but the request names " + proxy(proxyId);
        }
        return null;
    }

    private static String proxy(String proxyId) {
        return proxyId == null ? "no proxy" : "proxy " + proxyId;
    }
}
