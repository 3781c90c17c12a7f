package org.communitypoints.reconciler.source;

import java.security.PublicKey;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.export.ChainLink;
import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.contracts.seal.SignedSeal;
import org.communitypoints.reconciler.client.ExportCalls;
import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.engine.IntegrityChecks;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * points-service's integrity record: the seals ({@code GET /api/points/exports/seals}), the public seal key
 * ({@code GET /api/points/seal-key}) and the whole hash chain ({@code GET /api/points/exports/chain}), read in full
 * every run: a chain verified only from a saved head would miss an edit of a transaction linked before it.
 */
@ApplicationScoped
public class IntegritySource {

    private final GatewayClient gateway;
    private final ExportCalls calls;
    private final ReconcilerConfig config;

    public IntegritySource(@RestClient GatewayClient gateway, ExportCalls calls, ReconcilerConfig config) {
        this.gateway = gateway;
        this.calls = calls;
        this.config = config;
    }

    public IntegrityChecks check(ZoneId zone) {
        IntegrityChecks checks = new IntegrityChecks(zone);
        List<SignedSeal> seals = calls.call("points seals", gateway::seals);
        if (!seals.isEmpty()) {
            PublicKey key = SignedSeal.publicKey(calls.call("points seal key", gateway::sealKey).publicKey());
            seals.forEach(seal -> checks.seal(seal, key));
        }
        String after = null;
        while (true) {
            String cursor = after;
            ExportPage<ChainLink> page = calls.call("points chain",
                    () -> gateway.chain(cursor, config.journalPageSize()));
            page.items().forEach(checks::link);
            if (page.items().isEmpty() || page.nextCursor() == null) {
                return checks;
            }
            after = page.nextCursor();
        }
    }
}
