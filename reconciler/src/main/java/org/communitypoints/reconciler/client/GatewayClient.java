package org.communitypoints.reconciler.client;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.communitypoints.contracts.export.BalanceExport;
import org.communitypoints.contracts.export.ChainLink;
import org.communitypoints.contracts.export.ExportPage;
import org.communitypoints.contracts.export.JournalEntry;
import org.communitypoints.contracts.export.PartnerSettlement;
import org.communitypoints.contracts.export.ReconciliationRun;
import org.communitypoints.contracts.export.RedemptionExportRow;
import org.communitypoints.contracts.export.ShiftExportItem;
import org.communitypoints.contracts.export.UnconfirmedRequest;
import org.communitypoints.contracts.seal.SignedSeal;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;

/**
 * The exports, read through the gateway exactly as any external job would, as the contract records every
 * service produces. The bearer token is the reconciler service account's (client-credentials grant, fetched
 * and renewed by the OIDC client filter). A null query parameter is left out of the request.
 */
@RegisterRestClient(configKey = "gateway")
@OidcClientFilter
@Produces(MediaType.APPLICATION_JSON)
public interface GatewayClient {

    @GET
    @Path("/api/points/exports/journal")
    ExportPage<JournalEntry> journal(@QueryParam("after") String after, @QueryParam("limit") int limit);

    @GET
    @Path("/api/points/exports/balances")
    BalanceExport balances(@QueryParam("asOf") String asOf, @QueryParam("communityId") String communityId);

    @GET
    @Path("/api/activity/exports/shifts")
    ExportPage<ShiftExportItem> shifts(@QueryParam("after") String after, @QueryParam("limit") int limit);

    @GET
    @Path("/api/catalog/exports/redemptions")
    ExportPage<RedemptionExportRow> redemptions(@QueryParam("after") String after, @QueryParam("limit") int limit);

    /** The redemption requests points-service refused because nothing confirmed them, in the order it refused them. */
    @GET
    @Path("/api/points/exports/unconfirmed-requests")
    ExportPage<UnconfirmedRequest> unconfirmedRequests(@QueryParam("after") String after, @QueryParam("limit") int limit);

    @GET
    @Path("/api/catalog/partners/{partnerId}/settlement")
    PartnerSettlement settlement(@PathParam("partnerId") String partnerId, @QueryParam("communityId") String communityId,
            @QueryParam("from") String from, @QueryParam("to") String to);

    @GET
    @Path("/api/points/exports/chain")
    ExportPage<ChainLink> chain(@QueryParam("after") String after, @QueryParam("limit") int limit);

    @GET
    @Path("/api/points/exports/seals")
    List<SignedSeal> seals();

    /** The deployment's public seal key (public: the token is sent but not needed). */
    @GET
    @Path("/api/points/seal-key")
    SealKey sealKey();

    /** Reports a run's result to points-service for the staff console; the run id is the idempotency key. */
    @POST
    @Path("/api/points/reconciliation-runs")
    @Consumes(MediaType.APPLICATION_JSON)
    void reportRun(@HeaderParam("Idempotency-Key") String runId, ReconciliationRun run);

    /** The published seal key: base64 of the X.509 SubjectPublicKeyInfo. */
    record SealKey(String keyId, String algorithm, String publicKey) {
    }
}
