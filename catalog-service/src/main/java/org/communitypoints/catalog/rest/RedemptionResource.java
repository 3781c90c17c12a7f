package org.communitypoints.catalog.rest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.catalog.service.RedemptionAdmissionService;
import org.communitypoints.catalog.service.RedemptionGroupCommitService;
import org.communitypoints.catalog.service.RedemptionService;
import org.communitypoints.catalog.service.RedemptionService.RedemptionDetails;
import org.communitypoints.catalog.service.RedemptionWaitService;
import org.communitypoints.contracts.RedemptionReceipt;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.data.ExportCursor;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.data.membership.Acting;
import org.communitypoints.platform.data.membership.ActsOnBehalf;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.ProblemMessages;
import org.communitypoints.platform.web.Roles;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.smallrye.common.annotation.Blocking;

@Path("/redemptions")
public class RedemptionResource {

    private static final Pattern CANONICAL_UUID = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final RedemptionService redemptions;
    private final RedemptionAdmissionService admission;
    private final Caller caller;
    private final Acting acting;

    private final RedemptionWaitService waits;
    private final RedemptionGroupCommitService groupCommit;

    public RedemptionResource(RedemptionService redemptions, RedemptionAdmissionService admission, Caller caller,
            Acting acting, RedemptionWaitService waits, RedemptionGroupCommitService groupCommit) {
        this.redemptions = redemptions;
        this.groupCommit = groupCommit;
        this.waits = waits;
        this.admission = admission;
        this.caller = caller;
        this.acting = acting;
    }

    /**
     * Reserves the seat or stock and asks points-service to hold the price. Answers 202 with the redemption and its
     * Location. At once, PENDING, by default: read the Location until it is CONFIRMED (voucher issued) or REJECTED.
     * With {@code Prefer: wait=N} (as for {@link #get}) the answer waits, after the request is committed, until the
     * redemption is no longer PENDING or N seconds have passed since the request was received (RFC 7240: the bound is
     * on the whole request, so a request slow to commit waits that much less, and stays within the gateway's timeout),
     * and says {@code Preference-Applied: wait=N}: the resident's voucher in the one request on a weak network, where
     * asking again means another round trip. A replay
     * under the same Idempotency-Key waits the same way. With {@code On-Behalf-Of}, a proxy holding the resident's
     * REDEEM grant redeems with the resident's points; the redemption records who placed it. Refused with 503
     * (Retry-After) when the catalog already has as many redemption requests at work as it takes on
     * ({@link RedemptionAdmissionService}); nothing was reserved then. The wait is outside that bound: it holds no
     * admission place, thread or connection.
     *
     * <p>
     * Through the gateway the request carries the gateway's signed receipt of it ({@code Redemption-Receipt}) and the
     * id the receipt names ({@code Redemption-Id}): the redemption takes that id and keeps the receipt, which its hold
     * request carries to points-service (the catalog never checks it: it holds no key to). Without them (a direct call)
     * the id is made here and there is no receipt. A replay under the same Idempotency-Key answers the first redemption,
     * whatever id and receipt it carries (an id that is no UUID at all is refused first, as a body that is no JSON is).
     */
    @POST
    @Blocking
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER })
    @ActsOnBehalf(Scope.REDEEM)
    public CompletionStage<Response> request(@Valid @NotNull RedemptionRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey,
            @HeaderParam(RedemptionReceipt.REDEMPTION_ID_HEADER) String redemptionIdHeader,
            @HeaderParam(RedemptionReceipt.HEADER) String receipt,
            @HeaderParam(PreferWait.PREFER) List<String> prefer, @Context UriInfo uri, @Context HttpHeaders headers) {
        long received = System.nanoTime();
        String community = caller.communityId();
        String member = acting.memberId();
        Locale locale = locale(headers);
        UUID chosenId = redemptionId(redemptionIdHeader);
        String receiptOrNone = receipt == null || receipt.isBlank() ? null : receipt;
        Outcome<RedemptionDetails> outcome = admission.admitBatched(() -> groupCommit.request(community, member,
                acting.actedBy(), RedemptionMapper.toCommand(request), idempotencyKey, chosenId, receiptOrNone));
        UUID id = outcome.value().id();
        URI location = uri.getBaseUriBuilder().path("redemptions").path(id.toString()).build();
        Duration wait = waits.honoured(PreferWait.asked(prefer));
        Duration left = wait.minusNanos(System.nanoTime() - received);
        Supplier<RedemptionDetails> read = () -> redemptions.ownRedemption(community, member, id);
        // A replayed answer is the first request's: what stands now is read. A new one is what was just committed.
        CompletionStage<RedemptionDetails> answered = outcome.value().state() != RedemptionState.PENDING
                || left.isNegative() || left.isZero()
                        ? CompletableFuture.completedFuture(outcome.value())
                        : outcome.replayed() ? waits.await(id, left, read, true)
                                : waits.awaitOwn(id, left, outcome.value(), read);
        return answered.thenApply(r -> {
            Response answer = new Outcome<>(RedemptionMapper.toResponse(r, locale), outcome.replayed())
                    .toResponse(Response.Status.ACCEPTED, location);
            return wait.isZero() ? answer
                    : Response.fromResponse(answer).header(PreferWait.PREFERENCE_APPLIED, "wait=" + wait.toSeconds()).build();
        });
    }

    /**
     * The resident sees their own redemption with the voucher's code; community staff any of the community's with
     * the code masked; a partner's staff their own partner's in the counter's shape ({@link CounterRedemptionResponse}).
     * With {@code Prefer: wait=N} (RFC 7240, seconds, at most {@code catalog.redemption-wait.max}) a PENDING
     * redemption is answered when its state changes or after N seconds with the state then, and
     * {@code Preference-Applied: wait=N} says how long it was allowed to wait: one request instead of a poll every
     * moment on a weak network. The wait holds no thread and no database connection ({@link RedemptionWaitService}).
     */
    @GET
    @Path("{id}")
    @Blocking
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER, Roles.STAFF, Roles.PARTNER })
    @ActsOnBehalf(Scope.REDEEM)
    @APIResponse(responseCode = "200", description = "The redemption; the counter's shape for a partner's staff", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = {
            RedemptionResponse.class, CounterRedemptionResponse.class })))
    public CompletionStage<Response> get(@PathParam("id") UUID id, @HeaderParam(PreferWait.PREFER) List<String> prefer,
            @Context HttpHeaders headers) {
        // Everything taken from the request now: a read after the wait runs on another thread, outside the request.
        String community = caller.communityId();
        Locale locale = locale(headers);
        Supplier<RedemptionDetails> read;
        Function<RedemptionDetails, Object> shape;
        // The redemption as an outcome committed it is the resident's own answer; staff and counters see it masked,
        // so they read it again.
        boolean seenInFull = false;
        if (caller.hasRole(Roles.STAFF)) {
            read = () -> redemptions.communityRedemption(community, id);
            shape = r -> RedemptionMapper.toResponse(r, locale);
        } else if (caller.hasRole(Roles.PARTNER)) {
            String partner = caller.partnerId();
            read = () -> redemptions.partnerRedemption(community, partner, id);
            shape = RedemptionMapper::toCounterResponse;
        } else {
            String member = acting.memberId();
            read = () -> redemptions.ownRedemption(community, member, id);
            shape = r -> RedemptionMapper.toResponse(r, locale);
            seenInFull = true;
        }
        Duration wait = waits.honoured(PreferWait.asked(prefer));
        return waits.await(id, wait, read, seenInFull).thenApply(r -> {
            Response.ResponseBuilder answer = Response.ok(shape.apply(r)).header(HttpHeaders.VARY, PreferWait.PREFER);
            if (!wait.isZero()) {
                answer.header(PreferWait.PREFERENCE_APPLIED, "wait=" + wait.toSeconds());
            }
            return answer.build();
        });
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER })
    @ActsOnBehalf(Scope.REDEEM)
    public RedemptionResponse cancel(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        return RedemptionMapper.toResponse(
                admission.admit(() -> redemptions.cancel(caller.communityId(), acting.memberId(), id)), locale(headers));
    }

    /** Staff look for redemptions in one state, e.g. CAPTURE_FAILED ones that need attention. */
    @GET
    @RolesAllowed(Roles.STAFF)
    public List<RedemptionResponse> inState(@QueryParam("state") RedemptionState wanted, @QueryParam("limit") Integer limit,
            @Context HttpHeaders headers) {
        if (wanted == null) {
            throw ProblemException.badRequest("INVALID_PARAMETER", "Please say which state, e.g. state=CAPTURE_FAILED.");
        }
        int max = ExportCursor.pageSize(limit, 100, 500);
        Locale locale = locale(headers);
        return redemptions.ofCommunity(caller.communityId(), wanted, max).stream()
                .map(r -> RedemptionMapper.toResponse(r, locale)).toList();
    }

    /**
     * The id the gateway chose for the redemption, in the form it signed it in (a UUID's 36 characters); null without
     * the header (or an empty one, as an empty receipt is none). Anything else is refused before anything runs: the
     * receipt names this id, so a redemption under another spelling of it would carry a receipt points-service cannot
     * match.
     */
    static UUID redemptionId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (!CANONICAL_UUID.matcher(header).matches()) {
            throw ProblemException.badRequest("INVALID_REDEMPTION_ID",
                    "The " + RedemptionReceipt.REDEMPTION_ID_HEADER + " header must be a UUID. Please redeem again.");
        }
        return UUID.fromString(header);
    }

    static Locale locale(HttpHeaders headers) {
        return ProblemMessages.localeFor(headers.getAcceptableLanguages());
    }
}
