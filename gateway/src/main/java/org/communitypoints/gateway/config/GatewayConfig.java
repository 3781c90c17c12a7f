package org.communitypoints.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the gateway sends each part of the public API and how it protects itself and the services.
 * The downstream base URLs come from ACTIVITY_URL, POINTS_URL, CATALOG_URL and COMMUNITY_URL (each a comma-separated
 * list when a service runs several instances).
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The services by name; a service named {@code points} serves everything under {@code /api/points/}. */
    Map<String, Downstream> downstreams();

    /**
     * The address the public reaches the gateway at. The services build their links (a Location header, say)
     * from the X-Forwarded-Host, -Proto and -Prefix the gateway derives from it; callers cannot set them. The
     * default is where the local stack and docker-compose publish the gateway; set {@code GATEWAY_PUBLIC_URL} anywhere
     * else.
     */
    @WithDefault("http://localhost:8080")
    URI publicUrl();

    /**
     * The secret the gateway signs redemption receipts with (security/RedemptionReceipts), shared with points-service
     * only: {@code REDEMPTION_RECEIPT_SECRET}, at least 32 bytes. No default outside the dev and test profiles: a
     * gateway without it must not start, since points-service holds no points for a redemption without a receipt.
     */
    String redemptionReceiptSecret();

    RateLimit rateLimit();

    Balancing balancing();

    CircuitBreaker circuitBreaker();

    Home home();

    WebConsole webConsole();

    /** Which downstream serves a request path, if any. */
    default java.util.Optional<String> downstreamFor(String path) {
        return downstreams().keySet().stream()
                .filter(name -> path.equals(prefixOf(name)) || path.startsWith(prefixOf(name) + "/"))
                .findFirst();
    }

    static String prefixOf(String downstream) {
        return "/api/" + downstream;
    }

    interface Downstream {
        /**
         * Base URLs of the service's instances, without path (paths are forwarded unchanged), taken in the order of
         * UpstreamPool (fewest calls under way first). One URL
         * where something else balances (a Kubernetes Service), several where the gateway does (the local stack's
         * {@code --instances}).
         */
        List<URI> urls();

        /**
         * Roles that may reach this service at all; the service itself decides per endpoint. A coarse
         * rule: it turns away tokens that can have no business there before they cost the service anything.
         */
        Set<String> roles();

        /** How long the gateway waits for the service's answer (headers) before answering 504. */
        @WithDefault("10s")
        Duration timeout();
    }

    interface Home {
        /**
         * How long "my home" waits for each part. Shorter than a service's timeout: a resident looking at the
         * first screen should not wait for one slow service, whose part then shows as unavailable.
         */
        @WithDefault("2s")
        Duration partTimeout();

        /**
         * How long a resident's last complete "my home" is answered again from memory instead of asking the three
         * services (HomeViews). The resident's own changes through this gateway end it at once, and so do the
         * services' events about the resident (HomeChanges); what changes without an event (a staff adjustment, an
         * activity's new time) shows after at most this long. 0 turns it off.
         */
        @WithDefault("30s")
        Duration viewMaxAge();

        /**
         * How long the services may take to apply an event about a resident after the gateway has read it: a
         * voucher is confirmed when catalog-service has read points-service's answer, which this gateway reads at
         * about the same time. A view fetched within this long after such an event is kept only until this long
         * has passed, so what the event sets going shows after at most this long.
         */
        @WithDefault("3s")
        Duration changeSettle();

        /** How many residents' views are kept at most; the least recently used go first. */
        @WithDefault("10000")
        int viewMaxSize();
    }

    /** How the gateway spreads calls over a service's instances. */
    interface Balancing {
        /**
         * How long an instance that refused a connection is left out of the turn. Long enough that a stopped
         * instance costs one refused connection per gateway every few seconds, not one per request; short enough that
         * a restarted one gets its share back soon. A refused connection is retried on the next instance at once,
         * so callers do not see it either way.
         */
        @WithDefault("5s")
        Duration ejection();

        /**
         * How long an instance may answer nothing, with calls to it under way while another instance answers, before
         * it is suspect (hung) and gets one call at a time until it answers again. Well under the call timeout, so a
         * hung instance stops taking calls within seconds rather than after its first calls time out; a quiet
         * instance holding one long {@code Prefer: wait} call may look so too, and then only gets fewer calls until
         * that call's answer.
         */
        @WithDefault("2s")
        Duration stalledAfter();

        /**
         * Connections the proxy keeps open to each instance of a service. HTTP/1.1 carries one call at a time per
         * connection, so this is how many calls can be under way at once; a call beyond it waits for one to free up.
         * At 64, 400 calls a second that each took 160 ms already filled it, the waits grew past the timeout and the
         * breaker opened while the service itself answered direct callers in 20 ms.
         */
        @WithDefault("256")
        int maxConnectionsPerInstance();

        /**
         * Calls that may wait, per instance of a service, for one of the calls under way to end (the service's bulkhead
         * in DownstreamGuards); one more is answered 503 with Retry-After at once. Without this bound every call past
         * the connections waited up to its timeout, and an overload past the knee (1,400 passbook reads a second)
         * piled up waiting calls until the gateway ran out of heap and exited (docs/benchmarks.md). Not smaller: a
         * redemption's request or read with {@code Prefer: wait} holds its place up to five seconds, and with 256 waiting the
         * gateway
         * refused a quarter of the saga's calls at 200 redemptions a second (docs/benchmarks.md, 2026-12-03 16:10).
         */
        @WithDefault("1024")
        int maxWaitingPerInstance();
    }

    /**
     * Per-user token bucket: {@code capacity} requests at once, refilled at {@code refillPerSecond}, for the whole
     * suite: each of the {@code instances} gateway instances holds its share.
     */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("60")
        int capacity();

        @WithDefault("2")
        double refillPerSecond();

        /**
         * How many gateway instances share the limit (RATE_LIMIT_INSTANCES). Each keeps its buckets in memory and
         * admits 1/instances of the capacity and refill, so with the load balancer taking turns (round robin, no
         * stickiness) a user gets the configured limit in total, not once per instance. A balancer that sends one
         * user mostly to one instance makes the limit stricter, never looser. 1 where one gateway runs.
         */
        @WithDefault("1")
        int instances();

        /**
         * Roles never limited: the batch reconciler is a confidential client that pages through whole
         * exports at night, bounded by its own page size rather than by a person's pace.
         */
        @WithDefault("reconciler")
        java.util.Set<String> exemptRoles();

        /** Buckets unused this long are forgotten, so memory stays bounded by active users. */
        @WithDefault("10m")
        Duration idleEviction();
    }

    /** One circuit breaker per downstream, shared by the proxy and the "my home" aggregation. */
    interface CircuitBreaker {
        /** Number of recent calls the failure ratio is computed over. */
        @WithDefault("10")
        int requestVolumeThreshold();

        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before letting a trial call through. */
        @WithDefault("10s")
        Duration delay();

        @WithDefault("2")
        int successThreshold();
    }

    /** The web console served at {@code /}: where its pages send people to log in. */
    interface WebConsole {
        /**
         * The issuer the browser logs in at (authorization code with PKCE). The same provider the gateway checks tokens
         * against, so the default is its address; set {@code WEB_CONSOLE_ISSUER_URL} where the browser reaches the
         * provider under another name than the gateway does (docker-compose's {@code keycloak} host).
         */
        @WithDefault("${quarkus.oidc.auth-server-url}")
        String issuerUrl();

        /** The public client registered for the console in the realm (keycloak/community-realm.json). */
        @WithDefault("web-console")
        String clientId();
    }
}
