package org.communitypoints.gateway.proxy;

import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.communitypoints.gateway.balancing.UpstreamPool;
import org.communitypoints.gateway.balancing.Upstreams;
import org.communitypoints.gateway.config.GatewayConfig;
import org.communitypoints.gateway.resilience.DownstreamGuards;
import org.communitypoints.gateway.security.ApiGuard;
import org.communitypoints.gateway.security.GatewayResponses;
import org.communitypoints.gateway.security.ProblemTexts;
import org.communitypoints.platform.web.CorrelationIdFilter;
import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.Problems;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Routes {@code /api/<service>/**} to the service with Vert.x HTTP Proxy, paths unchanged and bodies
 * streamed both ways. End-to-end headers (Authorization, Idempotency-Key, X-Correlation-Id...) pass
 * through; hop-by-hop headers do not. Every call runs under the service's timeout and circuit breaker,
 * and a service that cannot be reached becomes a problem+json 502/503/504 instead of a bare status. A service's
 * instances are taken in its pool's order ({@link Upstreams}: fewest calls under way first, refusing and hung ones
 * last); one that refuses the connection is skipped for the next.
 */
@ApplicationScoped
public class DownstreamProxy {

    private static final Logger LOG = Logger.getLogger(DownstreamProxy.class);
    private static final String X_FORWARDED = "X-Forwarded-";
    private static final String FORWARDED = "Forwarded";
    /** A call refused for want of a place is worth asking again soon: the places free up as calls end. */
    static final int BUSY_RETRY_AFTER_SECONDS = 1;
    /** What is left of a call's deadline when it is sent, for the connection it waits for (a ProxyContext attachment). */
    private static final String TIME_LEFT_MILLIS = "community-points.time-left-millis";
    /**
     * The message key of an answer the gateway wrote itself instead of the service's (a ProxyContext attachment), for
     * the access log: "-> points 503" alone does not tell the service's own 503 from the gateway's breaker or bulkhead.
     */
    private static final String OWN_ANSWER = "community-points.own-answer";

    /** The instance a call was sent to, and when (a ProxyContext attachment): a call that times out is judged by it. */
    private static final String SENT_TO = "community-points.sent-to";

    private record SentTo(UpstreamPool.Instance instance, long atNanos) {
    }

    private final GatewayConfig config;
    private final DownstreamGuards guards;
    private final Upstreams upstreams;
    private final long maxBodyBytes;

    public DownstreamProxy(GatewayConfig config, DownstreamGuards guards, Upstreams upstreams,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.config = config;
        this.guards = guards;
        this.upstreams = upstreams;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(2000)
                .setMaxPoolSize(config.balancing().maxConnectionsPerInstance())
                .setKeepAlive(true));
        config.downstreams().forEach((name, downstream) -> {
            HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                    // The first instance in order that takes the connection (UpstreamPool.order, onFirstTaking); each call counts
                    // as under way on its instance until its answer comes, which is what the order goes by.
                    .origin(pc -> UpstreamPool.onFirstTaking(upstreams.of(name).order(), instance -> {
                        pc.set(SENT_TO, new SentTo(instance, upstreams.of(name).now()));
                        return pc.client()
                                .request(origin(instance.url(), downstream, pc.get(TIME_LEFT_MILLIS, Long.class)))
                                .onSuccess(request -> instance.callUnderWay(request.response()))
                                .map(AnsweredCallReset::guard);
                    }))
                    .addInterceptor(new Forwarding(name));
            String prefix = GatewayConfig.prefixOf(name);
            // After the guard (ROUTE_ORDER_BEFORE_DEFAULT): only admitted requests reach the proxy.
            router.route(prefix).order(RouteConstants.ROUTE_ORDER_DEFAULT).handler(ctx -> forward(ctx, proxy));
            router.route(prefix + "/*").order(RouteConstants.ROUTE_ORDER_DEFAULT).handler(ctx -> forward(ctx, proxy));
        });
    }

    private static RequestOptions origin(URI url, GatewayConfig.Downstream downstream, long timeLeftMillis) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        // A call waits for one of the pool's connections at most until its own deadline: without that bound a call
        // given up on stayed in the pool's queue and was still sent long after its caller had its 504 (after one
        // overloaded minute the queue held thousands, and working through them took every connection for eight
        // minutes). The deadline runs from the call's arrival, so the time it waited in the bulkhead counts too.
        // The idle timeout, a second after the guard's, frees the connection of a call given up on.
        return new RequestOptions().setHost(url.getHost()).setPort(port).setSsl(https)
                .setConnectTimeout(timeLeftMillis)
                .setIdleTimeout(downstream.timeout().toMillis() + 1000);
    }

    private static void forward(RoutingContext ctx, HttpProxy proxy) {
        if (ctx.get(ApiGuard.DOWNSTREAM_KEY) == null) {
            // Only requests the guard admitted are forwarded.
            GatewayResponses.forbidden(ctx);
            return;
        }
        if (!ctx.request().path().equals(ctx.normalizedPath())) {
            // Forward only paths that mean the same to the gateway's rules and to the service.
            GatewayResponses.problem(ctx, 400, "BAD_PATH", "BAD_PATH",
                    "The address contains parts such as /../ or // that are not accepted.");
            return;
        }
        proxy.handle(ctx.request());
    }

    private final class Forwarding implements ProxyInterceptor {

        private final String downstream;
        /**
         * The call's own deadline, a little inside the guard's timeout: a call that runs out of time then fails here,
         * where {@link #callerHungUp} can still tell a caller who never finished its body (not the service's fault,
         * and not counted by the breaker) from a slow service. When the guard's timeout fired first, every such call
         * counted against the service.
         */
        private final long deadlineMillis;

        /** The public address's parts, worked out once: per request they were a regular expression and a stream. */
        private final String publicProto;
        private final String publicHost;
        private final String publicPrefix;

        Forwarding(String downstream) {
            this.downstream = downstream;
            this.deadlineMillis = DownstreamGuards.deadlineMillis(config.downstreams().get(downstream));
            URI publicUrl = config.publicUrl();
            this.publicProto = publicUrl.getScheme();
            this.publicHost = publicUrl.getRawAuthority();
            this.publicPrefix = publicUrl.getRawPath() == null ? "" : publicUrl.getRawPath().replaceAll("/+$", "");
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext pc) {
            ProxyRequest request = pc.request();
            HttpServerRequest incoming = request.proxiedRequest();
            forwardedHeaders(request.headers(), incoming);
            SizeLimitedStream limited = null;
            if (!hasBody(incoming)) {
                // Nothing to stream: the call must not wait for the end of a caller's request that has none. (Piped
                // from the caller's stream, the call to the service ends only when that stream reports its end,
                // which a request already read to its end while its token was checked never reports again.)
                request.setBody(Body.body(Buffer.buffer()));
                incoming.resume();
            } else if (request.getBody() != null && request.getBody().length() < 0) {
                limited = new SizeLimitedStream(request.getBody().stream(), maxBodyBytes);
                request.setBody(Body.body(limited, -1));
            }
            SizeLimitedStream body = limited;
            Context context = Vertx.currentContext();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
            CompletionStage<ProxyResponse> guarded = guards.call(downstream,
                    () -> onContext(context, () -> callerStillThere(incoming).compose(ready -> send(pc, deadline)))
                            .toCompletionStage()
                            .handle((response, failure) -> {
                                if (body != null && body.exceeded()) {
                                    if (response != null) {
                                        response.release();
                                    }
                                    throw new BodyTooLargeException(maxBodyBytes);
                                }
                                if (failure != null) {
                                    if (callerHungUp(incoming, failure)) {
                                        throw new ClientWentAway(failure);
                                    }
                                    throw new CompletionException(judged(pc, failure));
                                }
                                if (response.getStatusCode() >= 500 && !DownstreamGuards.shedsLoad(response.getStatusCode(),
                                        response.headers().get(HttpHeaders.RETRY_AFTER))) {
                                    throw new ServiceErrorResponse(response);
                                }
                                return response;
                            }));
            return Future.fromCompletionStage(guarded, context)
                    .recover(failure -> Future.succeededFuture(answerFor(pc, DownstreamGuards.unwrap(failure))));
        }

        /**
         * A timeout on one hung instance, while another answered, is that instance's failure, not the service's
         * ({@link UpstreamPool#judged}). Counted by the service's breaker, a stopped instance's timed-out calls opened
         * it and every instance was refused for its delay (docs/benchmarks.md, the hung-instance trials).
         */
        private Throwable judged(ProxyContext pc, Throwable failure) {
            SentTo sentTo = pc.get(SENT_TO, SentTo.class);
            return sentTo == null ? failure : upstreams.of(downstream).judged(sentTo.instance(), sentTo.atNanos(), failure);
        }

        /**
         * Runs the call on the caller's event loop. A call that waited in the bulkhead is started by whichever thread
         * freed its place, possibly the fault tolerance timer's when the call before timed out; the proxy's request and
         * connection belong to the caller's context, so the call is handed back to it.
         */
        private static <T> Future<T> onContext(Context context, Supplier<Future<T>> work) {
            if (Vertx.currentContext() == context) {
                return work.get();
            }
            Promise<T> promise = Promise.promise();
            context.runOnContext(ignored -> work.get().onComplete(promise));
            return promise.future();
        }

        /**
         * Sends the call with what is left of its deadline: a call that waited in the bulkhead has less time for the
         * connection and the answer, and one with nothing left is not sent.
         */
        private static Future<ProxyResponse> send(ProxyContext pc, long deadline) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return Future.failedFuture(new DeadlineBeforeSending());
            }
            pc.set(TIME_LEFT_MILLIS, left);
            return pc.sendRequest().timeout(left, TimeUnit.MILLISECONDS);
        }

        /**
         * A caller that hung up while its token was being checked is not forwarded at all; nor is a call that waited
         * in the bulkhead past its timeout, whose caller already has its 504 (the bulkhead runs it once a place frees
         * up: it would reach the service with nobody left to answer).
         */
        private static Future<Void> callerStillThere(HttpServerRequest incoming) {
            return incoming.response().closed() || incoming.response().ended() ? Future.failedFuture(new ClientWentAway(null))
                    : Future.succeededFuture();
        }

        /**
         * Whether the call failed because the caller went away. When the caller's connection fails, Vert.x HTTP Proxy
         * resets the call to the service (a StreamResetException carrying the caller's error, possibly before the
         * connection is marked closed); the HTTP/1.1 client raises that exception for local resets only.
         */
        private static boolean callerHungUp(HttpServerRequest incoming, Throwable failure) {
            Throwable cause = DownstreamGuards.unwrap(failure);
            if (cause instanceof ClientWentAway || cause instanceof StreamResetException || incoming.response().closed()) {
                return true;
            }
            // A caller that never finished sending its body: the service waited for the rest of it, so the timeout
            // is the caller's, not the service's. While the proxy holds the caller's connection paused, a caller
            // that hung up mid-body may not be seen as closed yet (reading is off, so its FIN is not read).
            return DownstreamGuards.isTimeout(cause) && hasBody(incoming) && !incoming.isEnded() && !waitedForConnection(cause);
        }

        /**
         * Whether the request announced a body. One without (a GET) is never "ended" while the proxy holds it paused
         * waiting for a connection, and was answered 499 when the wait ran out, as if its caller had gone.
         */
        private static boolean hasBody(HttpServerRequest incoming) {
            String length = incoming.getHeader(HttpHeaders.CONTENT_LENGTH);
            return incoming.getHeader(HttpHeaders.TRANSFER_ENCODING) != null || (length != null && !length.equals("0"));
        }

        /**
         * The call never got one of the pool's connections in time, or its deadline passed in the bulkhead: nothing was
         * sent, the service is the slow side. Vert.x says the former only in its message.
         */
        private static boolean waitedForConnection(Throwable cause) {
            return cause instanceof DeadlineBeforeSending
                    || cause.getMessage() != null && cause.getMessage().contains("getting a connection");
        }

        /** The call's deadline passed while it waited in the bulkhead: it is not sent (answered as a timeout). */
        private static final class DeadlineBeforeSending extends TimeoutException {
            DeadlineBeforeSending() {
                super("deadline passed while waiting in the bulkhead, before getting a connection");
            }
        }

        /**
         * The gateway is the only public entry: it states who called and under which public address, and relays
         * nothing a caller claims about either (a caller's X-Forwarded-Host would otherwise end up in the links
         * the services build).
         */
        private void forwardedHeaders(MultiMap headers, HttpServerRequest incoming) {
            List<String> claimed = null;
            for (String name : headers.names()) {
                if (name.regionMatches(true, 0, X_FORWARDED, 0, X_FORWARDED.length()) || name.equalsIgnoreCase(FORWARDED)) {
                    if (claimed == null) {
                        claimed = new ArrayList<>(2);
                    }
                    claimed.add(name);
                }
            }
            if (claimed != null) {
                claimed.forEach(headers::remove);
            }
            headers.set("X-Forwarded-For", incoming.remoteAddress().hostAddress());
            headers.set("X-Forwarded-Proto", publicProto);
            headers.set("X-Forwarded-Host", publicHost);
            if (!publicPrefix.isEmpty()) {
                headers.set("X-Forwarded-Prefix", publicPrefix);
            }
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext pc) {
            HttpServerRequest incoming = pc.request().proxiedRequest();
            String correlationId = incoming.getHeader(CorrelationIdFilter.HEADER);
            pc.response().putHeader(CorrelationIdFilter.HEADER, correlationId);
            if (LOG.isInfoEnabled()) {
                // Joined by hand: printf-style formatting (java.util.Formatter) was a third of the access log's cost.
                String ownAnswer = pc.get(OWN_ANSWER, String.class);
                LOG.info(incoming.method().name() + ' ' + incoming.path() + " -> " + downstream + ' '
                        + pc.response().getStatusCode() + (ownAnswer == null ? "" : " answered by the gateway: " + ownAnswer));
            }
            return pc.sendResponse();
        }

        private ProxyResponse answerFor(ProxyContext pc, Throwable failure) {
            if (failure instanceof ServiceErrorResponse error) {
                return error.response();
            }
            if (failure instanceof BodyTooLargeException tooLarge) {
                return problem(pc, 413, "PAYLOAD_TOO_LARGE", "PAYLOAD_TOO_LARGE.limit",
                        "The request body is larger than " + tooLarge.maxBytes() / 1024 + " KiB.", tooLarge.maxBytes() / 1024)
                        .putHeader(HttpHeaders.CONNECTION, "close");
            }
            if (failure instanceof ClientWentAway) {
                LOG.debugf("Caller of %s %s went away before %s answered", pc.request().getMethod(),
                        pc.request().proxiedRequest().path(), downstream);
                // Nobody is left to read it; the status is for the access log (nginx's "client closed request").
                return problem(pc, 499, "CLIENT_CLOSED_REQUEST", "CLIENT_CLOSED_REQUEST", "The caller closed the connection.");
            }
            if (failure instanceof CircuitBreakerOpenException) {
                LOG.debugf("Circuit of %s open: call not attempted", downstream);
                return unavailable(pc);
            }
            if (failure instanceof BulkheadException) {
                // A line per refusal would only add to the load being shed.
                LOG.debugf("%s has as many calls under way and waiting as allowed: call refused", downstream);
                return problem(pc, 503, "SERVICE_UNAVAILABLE", "SERVICE_UNAVAILABLE.busy",
                        "The " + downstream + " service is busy. Please try again in a moment.", downstream)
                        .putHeader(HttpHeaders.RETRY_AFTER, Integer.toString(BUSY_RETRY_AFTER_SECONDS));
            }
            if (DownstreamGuards.isTimeout(failure)) {
                LOG.warnf("%s did not answer in time", downstream);
                return problem(pc, 504, "GATEWAY_TIMEOUT", "GATEWAY_TIMEOUT",
                        "The " + downstream + " service took too long to answer. Please try again in a moment.", downstream);
            }
            if (failure instanceof ConnectException) {
                LOG.warnf("%s cannot be reached: %s", downstream, failure.getMessage());
                return unavailable(pc);
            }
            LOG.warnf(failure, "%s call failed", downstream);
            return problem(pc, 502, "BAD_GATEWAY", "BAD_GATEWAY",
                    "The " + downstream + " service gave no usable answer. Please try again in a moment.", downstream);
        }

        private ProxyResponse unavailable(ProxyContext pc) {
            return problem(pc, 503, "SERVICE_UNAVAILABLE", "SERVICE_UNAVAILABLE.downstream",
                    "The " + downstream + " service is not available at the moment. Please try again in a few minutes.",
                    downstream)
                    .putHeader(HttpHeaders.RETRY_AFTER,
                            Long.toString(Math.max(1, config.circuitBreaker().delay().toSeconds())));
        }

        /** The gateway's own answer, in the caller's language as {@link GatewayResponses#problem} writes it. */
        private ProxyResponse problem(ProxyContext pc, int status, String code, String messageKey, String englishDetail,
                Object... args) {
            pc.set(OWN_ANSWER, messageKey);
            ProxyRequest request = pc.request();
            HttpServerRequest incoming = request.proxiedRequest();
            ProblemTexts.Text text = ProblemTexts.of(incoming.getHeader(HttpHeaders.ACCEPT_LANGUAGE), status, messageKey,
                    englishDetail, args);
            String json = Problems.json(status, code, text.title(), text.detail(), incoming.path());
            return request.release().response()
                    .setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONTENT_LANGUAGE, text.locale().toLanguageTag())
                    .setBody(Body.body(Buffer.buffer(json)));
        }
    }
}
