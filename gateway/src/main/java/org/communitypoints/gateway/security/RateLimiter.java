package org.communitypoints.gateway.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.communitypoints.gateway.config.GatewayConfig;

/**
 * Per-user token buckets held in this gateway instance's memory. With several gateway instances each keeps its
 * own buckets with its share of the limit (capacity and refill divided by {@code gateway.rate-limit.instances}),
 * so a user whose requests the load balancer deals out in turn gets the configured limit in total. No shared
 * store: a limit check stays a memory access, and losing an instance loses nothing that matters.
 */
@ApplicationScoped
public class RateLimiter {

    private final boolean enabled;
    private final double capacity;
    private final double refillPerNano;
    private final long idleNanos;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    @Inject
    public RateLimiter(GatewayConfig config) {
        this(config.rateLimit().enabled(), config.rateLimit().capacity(), config.rateLimit().refillPerSecond(),
                config.rateLimit().instances(), config.rateLimit().idleEviction(), System::nanoTime);
    }

    RateLimiter(boolean enabled, int capacity, double refillPerSecond, Duration idleEviction, LongSupplier clock) {
        this(enabled, capacity, refillPerSecond, 1, idleEviction, clock);
    }

    RateLimiter(boolean enabled, int capacity, double refillPerSecond, int instances, Duration idleEviction,
            LongSupplier clock) {
        if (capacity < 1 || refillPerSecond <= 0 || instances < 1 || capacity < instances) {
            throw new IllegalArgumentException(
                    "gateway.rate-limit needs capacity >= instances >= 1 and refill-per-second > 0");
        }
        this.enabled = enabled;
        this.capacity = (double) capacity / instances;
        this.refillPerNano = refillPerSecond / instances / 1_000_000_000d;
        this.idleNanos = idleEviction.toNanos();
        this.clock = clock;
        this.lastSweep = clock.getAsLong();
    }

    /**
     * Takes one token from the key's bucket.
     *
     * @return 0 when the request may go on, otherwise the whole seconds to wait (for Retry-After)
     */
    public long acquire(String key) {
        if (!enabled) {
            return 0;
        }
        long now = clock.getAsLong();
        sweepIdle(now);
        return buckets.computeIfAbsent(key, k -> new Bucket(capacity, now)).take(now);
    }

    int trackedKeys() {
        return buckets.size();
    }

    private void sweepIdle(long now) {
        if (now - lastSweep < idleNanos) {
            return;
        }
        lastSweep = now;
        buckets.values().removeIf(bucket -> bucket.idleSince(now) > idleNanos);
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - updated) * refillPerNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double missingNanos = (1 - tokens) / refillPerNano;
            return Math.max(1, (long) Math.ceil(missingNanos / 1_000_000_000d));
        }

        synchronized long idleSince(long now) {
            return now - updated;
        }
    }
}
