package org.communitypoints.gateway.home;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.communitypoints.gateway.balancing.UpstreamPool;
import org.communitypoints.gateway.balancing.Upstreams;
import org.communitypoints.gateway.config.GatewayConfig;
import org.communitypoints.gateway.home.client.ActivityClient;
import org.communitypoints.gateway.home.client.ActivityClient.UpcomingActivity;
import org.communitypoints.gateway.home.client.CatalogClient;
import org.communitypoints.gateway.home.client.CatalogClient.Voucher;
import org.communitypoints.gateway.home.client.PointsClient;
import org.communitypoints.gateway.home.client.PointsClient.Summary;
import org.communitypoints.gateway.resilience.DownstreamGuards;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.vertx.core.Future;

/**
 * Asks the three services at once (points once, for its balance and passbook together), each under its own timeout
 * and circuit breaker; a failed part falls back to "unavailable" so the resident still sees the rest.
 * <p>
 * Created at start-up, with its three REST clients: built lazily, the first "my home" request built them on the
 * event loop (class loading, service lookups), which under load held both event loops for seconds, stalled every
 * proxied call with them and opened the breakers.
 */
@Startup
@ApplicationScoped
public class HomeService {

    static final int PASSBOOK_LINES = 5;
    private static final Logger LOG = Logger.getLogger(HomeService.class);

    private final PointsClient points;
    private final ActivityClient activity;
    private final CatalogClient catalog;
    private final DownstreamGuards guards;
    private final Upstreams upstreams;
    private final long partTimeoutMillis;
    /** Each service's call deadline (DownstreamGuards.deadlineMillis), worked out once. */
    private final Map<String, Long> deadlineMillis = new HashMap<>();

    public HomeService(@RestClient PointsClient points, @RestClient ActivityClient activity,
            @RestClient CatalogClient catalog, DownstreamGuards guards, Upstreams upstreams, GatewayConfig config) {
        this.partTimeoutMillis = config.home().partTimeout().toMillis();
        this.points = points;
        this.activity = activity;
        this.catalog = catalog;
        this.guards = guards;
        this.upstreams = upstreams;
        config.downstreams()
                .forEach((name, downstream) -> deadlineMillis.put(name, DownstreamGuards.deadlineMillis(downstream)));
    }

    /** @param authorization the resident's own "Bearer ..." header, passed on so each service checks it itself */
    public CompletionStage<HomeView> homeOf(String authorization, String correlationId) {
        // One call for both points parts: they are available or unavailable together.
        CompletableFuture<Section<Summary>> summary = section("points", "balance and passbook",
                instance -> points.summary(instance, PASSBOOK_LINES, authorization, correlationId));
        CompletableFuture<Section<List<UpcomingActivity>>> signUps = section("activity", "sign-ups",
                instance -> activity.signUps(instance, true, authorization, correlationId));
        CompletableFuture<Section<List<Voucher>>> vouchers = section("catalog", "vouchers",
                instance -> catalog.vouchers(instance, "ACTIVE", authorization, correlationId));
        return CompletableFuture.allOf(summary, signUps, vouchers)
                .thenApply(done -> {
                    Section<Summary> points = summary.join();
                    return new HomeView(part(points, Summary::balance), part(points, Summary::passbook),
                            signUps.join(), vouchers.join());
                });
    }

    private static <T> Section<T> part(Section<Summary> summary, Function<Summary, T> part) {
        return summary.data() == null ? Section.unavailable() : Section.ok(part.apply(summary.data()));
    }

    /**
     * One call on one instance, picked as the proxy picks (UpstreamPool): counted under way there until answered, so
     * that the order sees "my home"'s calls too and a hung instance is found by them as by the proxy's. A call that
     * gets no answer by its own deadline (inside the guard's timeout), from an instance that has answered nothing
     * since while another answered, is that instance's failure, not the service's.
     */
    private <T> Future<T> onInstance(String downstream, UpstreamPool.Instance instance,
            Function<String, CompletionStage<T>> call) {
        UpstreamPool pool = upstreams.of(downstream);
        long sentAt = pool.now();
        Future<T> answer = Future.fromCompletionStage(call.apply(instance.url().toString()).toCompletableFuture()
                .orTimeout(deadlineMillis.get(downstream), TimeUnit.MILLISECONDS));
        // An error status is an answer too: the instance is alive and said something.
        instance.callUnderWay(answer.transform(done -> done.succeeded()
                || DownstreamGuards.unwrap(done.cause()) instanceof WebApplicationException ? Future.succeededFuture()
                        : Future.failedFuture(done.cause())));
        // Unwrapped, so that onFirstTaking sees a refused connection as such.
        return answer.recover(failure -> Future.failedFuture(DownstreamGuards.unwrap(pool.judged(instance, sentAt, failure))));
    }

    /**
     * One part of "my home": a call to {@code downstream} under its guard, on the first instance in the pool's order
     * that takes the connection (a refused one moves the call to the next, as the proxy does). {@code call} is given
     * the instance's base URL.
     */
    private <T> CompletableFuture<Section<T>> section(String downstream, String part,
            Function<String, CompletionStage<T>> call) {
        CompletionStage<T> guarded;
        try {
            guarded = guards.call(downstream, () -> UpstreamPool.onFirstTaking(upstreams.of(downstream).order(),
                    instance -> onInstance(downstream, instance, call)).toCompletionStage());
        } catch (RuntimeException e) {
            guarded = CompletableFuture.failedFuture(e);
        }
        return guarded.toCompletableFuture()
                .orTimeout(partTimeoutMillis, TimeUnit.MILLISECONDS)
                .thenApply(Section::<T> ok)
                .exceptionally(failure -> {
                    Throwable cause = DownstreamGuards.unwrap(failure);
                    if (cause instanceof CircuitBreakerOpenException || cause instanceof BulkheadException) {
                        // The breaker's opening is logged once, and a full bulkhead is shedding load: a line per
                        // request then only adds to the load of a gateway that is already shedding it.
                        LOG.debugf("Home part %s from %s unavailable: %s", part, downstream, cause.getClass().getSimpleName());
                    } else {
                        LOG.warnf("Home part %s from %s unavailable: %s", part, downstream, cause.toString());
                    }
                    return Section.<T> unavailable();
                })
                .toCompletableFuture();
    }
}
