package org.communitypoints.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the gateway sends each part of the public API and how it protects itself and the services.
 * The downstream base URLs come from ACTIVITY_URL, POINTS_URL, CATALOG_URL and COMMUNITY_URL.
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

    RateLimit rateLimit();

    CircuitBreaker circuitBreaker();

    Home home();

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
        /** Base URL of the service, without path: paths are forwarded unchanged. */
        URI url();

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
    }

    /** Per-user token bucket: {@code capacity} requests at once, refilled at {@code refillPerSecond}. */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("60")
        int capacity();

        @WithDefault("2")
        double refillPerSecond();

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
}
