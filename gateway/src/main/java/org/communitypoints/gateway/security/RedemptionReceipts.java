package org.communitypoints.gateway.security;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Singleton;

import org.communitypoints.contracts.RedemptionReceipt;
import org.communitypoints.gateway.config.GatewayConfig;

import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * The gateway's signed receipt of each redemption request, for points-service. Catalog-service passes it on in its hold
 * request, and points-service holds a resident's points only for a receipt that names the redemption and the resident:
 * what points-service believes is the gateway's word that a signed-in caller asked, not catalog's. Someone who can
 * write into catalog-service's database (its outbox) cannot sign one, since only the gateway and points-service hold the
 * secret.
 */
@Startup
@Singleton
public class RedemptionReceipts {

    /** Catalog-service's redemption collection: a POST there asks for a redemption. */
    static final String REDEMPTIONS_PATH = "/api/catalog/redemptions";

    private final RedemptionReceipt.Secret secret;

    /** Reads the secret once, at start-up: a short one stops it rather than signing with a guessable key. */
    public RedemptionReceipts(GatewayConfig config) {
        this.secret = RedemptionReceipt.Secret.of(config.redemptionReceiptSecret());
    }

    /**
     * Drops the receipt headers a caller sent: only the gateway's own may reach a service, or a caller could forward a
     * receipt it saw (its own, for another redemption) or make up a redemption id.
     */
    static void dropCallersOwn(HttpServerRequest request) {
        request.headers().remove(RedemptionReceipt.HEADER).remove(RedemptionReceipt.REDEMPTION_ID_HEADER);
    }

    /**
     * On an admitted request for a redemption, a new redemption id and a receipt for it, on the request for the proxy to
     * pass on to catalog-service, which names its redemption by that id. Cancels and reads get none: they spend no one's
     * points.
     *
     * @param caller the token's subject
     * @param onBehalfOf the resident a proxy acts for ({@code On-Behalf-Of}); null when the caller acts for themself
     */
    void attachIfRedemption(HttpServerRequest request, String normalizedPath, String caller, String onBehalfOf) {
        if (request.method() != HttpMethod.POST
                || !(normalizedPath.equals(REDEMPTIONS_PATH) || normalizedPath.equals(REDEMPTIONS_PATH + "/"))) {
            return;
        }
        RedemptionReceipt receipt = new RedemptionReceipt(UUID.randomUUID(), caller, onBehalfOf, Instant.now());
        request.headers()
                .set(RedemptionReceipt.REDEMPTION_ID_HEADER, receipt.redemptionId().toString())
                .set(RedemptionReceipt.HEADER, receipt.sign(secret));
    }
}
