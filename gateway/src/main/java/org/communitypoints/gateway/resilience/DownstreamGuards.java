package org.communitypoints.gateway.resilience;

import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;

import org.communitypoints.gateway.config.GatewayConfig;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.Guard;

/**
 * One SmallRye Fault Tolerance guard per downstream service: a timeout, a circuit breaker named after
 * the service and a bulkhead bounding the calls under way and waiting. The proxy and the "my home" aggregation share it, so a
 * service that fails for one stops
 * being called by both until it recovers.
 */
@ApplicationScoped
public class DownstreamGuards {

    private static final Logger LOG = Logger.getLogger(DownstreamGuards.class);
    private static final TypeLiteral<CompletionStage<Object>> ASYNC = new TypeLiteral<>() {
    };

    private final Map<String, Guard> guards = new HashMap<>();

    public DownstreamGuards(GatewayConfig config) {
        GatewayConfig.CircuitBreaker breaker = config.circuitBreaker();
        GatewayConfig.Balancing balancing = config.balancing();
        config.downstreams().forEach((name, downstream) -> guards.put(name, Guard.create()
                .withDescription("downstream " + name)
                .withThreadOffload(false)
                .withTimeout().duration(downstream.timeout().toMillis(), ChronoUnit.MILLIS).done()
                // As many calls under way as the proxy keeps connections to the service, a bounded number waiting for
                // one of them to end, and every call beyond refused at once (BulkheadException: 503 with Retry-After)
                // rather than held until its timeout. Inside the timeout: a waiting call's wait counts against it.
                .withBulkhead()
                .limit(balancing.maxConnectionsPerInstance() * downstream.urls().size())
                .queueSize(balancing.maxWaitingPerInstance() * downstream.urls().size())
                .done()
                .withCircuitBreaker()
                .name(breakerName(name))
                .requestVolumeThreshold(breaker.requestVolumeThreshold())
                .failureRatio(breaker.failureRatio())
                .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(breaker.successThreshold())
                .when(DownstreamGuards::isServiceFailure)
                .onStateChange(state -> LOG.warnf("Circuit breaker of %s is now %s", name, state))
                .done()
                .build()));
    }

    public static String breakerName(String downstream) {
        return "downstream-" + downstream;
    }

    /** Runs an asynchronous call to the named downstream under its timeout, circuit breaker and bulkhead. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> CompletionStage<T> call(String downstream, Supplier<CompletionStage<T>> action) {
        Guard guard = guards.get(downstream);
        if (guard == null) {
            throw new IllegalArgumentException("No downstream named " + downstream);
        }
        return (CompletionStage<T>) guard.get((Supplier) action, ASYNC);
    }

    /**
     * A refusal (4xx) is the service working as intended; only its own failures open the breaker. A 503 with
     * Retry-After is the service shedding load on purpose (catalog-service's admission bound): counted as a
     * failure, a few of them opened the breaker and cut the service off entirely for its delay, turning a shed
     * share into a total outage. The same holds for the gateway's own bulkhead refusing a call it had no place for:
     * the service never saw it.
     */
    static boolean isServiceFailure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof BulkheadException) {
            return false;
        }
        if (cause instanceof WebApplicationException web) {
            return web.getResponse().getStatus() >= 500
                    && !shedsLoad(web.getResponse().getStatus(), web.getResponse().getHeaderString(HttpHeaders.RETRY_AFTER));
        }
        return !(cause instanceof NotAServiceFailure);
    }

    /** A service's answer saying "too busy now, ask again after a while": a 503 with Retry-After. */
    public static boolean shedsLoad(int status, String retryAfter) {
        return status == 503 && retryAfter != null && !retryAfter.isBlank();
    }

    /**
     * The failure itself, out of the wrappers it travels in: a future's, and the REST client's ProcessingException
     * around a transport failure (a refused connection must be seen as one, to go to the next instance).
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof ProcessingException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * A call's own deadline from its arrival, a little inside the guard's timeout: a call that runs out of time then
     * fails in the caller's code, which can still judge the failure (the caller's, one instance's), before the guard's
     * timeout counts it against the service.
     */
    public static long deadlineMillis(GatewayConfig.Downstream downstream) {
        long timeout = downstream.timeout().toMillis();
        return Math.max(1, timeout - Math.min(100, timeout / 10));
    }

    /** Whether a call failed for want of an answer in time, whoever's timer said so. */
    public static boolean isTimeout(Throwable failure) {
        return failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
                || failure instanceof java.util.concurrent.TimeoutException
                || failure instanceof io.netty.handler.timeout.TimeoutException
                || (failure instanceof io.vertx.core.VertxException && failure.getMessage() != null
                        && failure.getMessage().contains("timeout period"));
    }

    /** Marks a failure caused by the caller (such as an oversized body) that says nothing about the service. */
    public interface NotAServiceFailure {
    }
}
