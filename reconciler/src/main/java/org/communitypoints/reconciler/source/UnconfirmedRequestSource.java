package org.communitypoints.reconciler.source;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.reconciler.client.ExportCalls;
import org.communitypoints.reconciler.client.GatewayClient;
import org.communitypoints.reconciler.config.ReconcilerConfig;
import org.communitypoints.reconciler.model.UnconfirmedRequest;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * points-service's export of the redemption requests it refused because nothing confirmed them
 * ({@code GET /api/points/exports/unconfirmed-requests}, pages of the contracts' {@code UnconfirmedRequest}, in the
 * order they were refused). The catalog's redemption export shows such a refusal only when the catalog has the
 * redemption; a request written straight into the catalog's outbox has none there, and this export is the only place
 * the reconciler sees it.
 */
@ApplicationScoped
public class UnconfirmedRequestSource {

    static final String EXPORT = "points unconfirmed requests";

    private final GatewayClient gateway;
    private final ExportCalls calls;
    private final int pageSize;

    public UnconfirmedRequestSource(@RestClient GatewayClient gateway, ExportCalls calls, ReconcilerConfig config) {
        this.gateway = gateway;
        this.calls = calls;
        this.pageSize = config.pageSize();
    }

    public String read(String after, Consumer<UnconfirmedRequest> sink) {
        return ExportPages.readAll(calls, EXPORT, after, cursor -> gateway.unconfirmedRequests(cursor, pageSize),
                request -> sink.accept(toRequest(request)));
    }

    /**
     * Only the redemption id is required: it is what the catalog's books are searched for. A refusal that does not say
     * when it was made is still reported (as settled) rather than stopping the run, since it reports an attempt.
     */
    static UnconfirmedRequest toRequest(org.communitypoints.contracts.export.UnconfirmedRequest request) {
        return new UnconfirmedRequest(ExportPages.required(EXPORT, "redemptionId", request.redemptionId()).toString(),
                request.memberId(), request.partnerId(), request.communityId(), request.reason(), request.points(),
                request.subsidyPoints(), request.refusedAt());
    }
}
