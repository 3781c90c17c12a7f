package org.communitypoints.gateway.home;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

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
    private final GatewayConfig config;
    private final long partTimeoutMillis;

    public HomeService(@RestClient PointsClient points, @RestClient ActivityClient activity,
            @RestClient CatalogClient catalog, DownstreamGuards guards, GatewayConfig config) {
        this.partTimeoutMillis = config.home().partTimeout().toMillis();
        this.points = points;
        this.activity = activity;
        this.catalog = catalog;
        this.guards = guards;
        this.config = config;
    }

    /** @param authorization the resident's own "Bearer ..." header, passed on so each service checks it itself */
    public CompletionStage<HomeView> homeOf(String authorization, String correlationId) {
        // One call for both points parts: they are available or unavailable together.
        CompletableFuture<Section<Summary>> summary = section("points", "balance and passbook",
                () -> points.summary(PASSBOOK_LINES, authorization, correlationId));
        CompletableFuture<Section<List<UpcomingActivity>>> signUps = section("activity", "sign-ups",
                () -> activity.signUps(true, authorization, correlationId));
        CompletableFuture<Section<List<Voucher>>> vouchers = section("catalog", "vouchers",
                () -> catalog.vouchers("ACTIVE", authorization, correlationId));
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
     * Each call goes to the instance whose turn it is (BalancedClients); one that refuses the connection sends the
     * call to the next, as the proxy does. These are reads, so a call that failed later is not repeated either way.
     */
    private static <T> CompletionStage<T> elsewhereIfRefused(Supplier<CompletionStage<T>> call, int attempts) {
        return call.get().handle((value, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(value);
            }
            if (attempts > 1 && DownstreamGuards.unwrap(failure) instanceof ConnectException) {
                return elsewhereIfRefused(call, attempts - 1);
            }
            return CompletableFuture.<T> failedFuture(failure);
        }).thenCompose(next -> next);
    }

    private <T> CompletableFuture<Section<T>> section(String downstream, String part, Supplier<CompletionStage<T>> call) {
        CompletionStage<T> guarded;
        try {
            int instances = config.downstreams().get(downstream).urls().size();
            guarded = guards.call(downstream, () -> elsewhereIfRefused(call, instances));
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
