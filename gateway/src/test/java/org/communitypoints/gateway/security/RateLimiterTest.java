package org.communitypoints.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final RateLimiter limiter = new RateLimiter(true, 3, 0.5, Duration.ofMinutes(10), nanos::get);

    @Test
    void admitsTheBurstThenAsksToWaitUntilTheNextToken() {
        assertEquals(0, limiter.acquire("user:a"));
        assertEquals(0, limiter.acquire("user:a"));
        assertEquals(0, limiter.acquire("user:a"));
        // One token every 2 s.
        assertEquals(2, limiter.acquire("user:a"));
    }

    @Test
    void refillsOverTimeUpToTheCapacity() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("user:a");
        }
        advance(Duration.ofSeconds(1));
        assertEquals(1, limiter.acquire("user:a"));
        advance(Duration.ofSeconds(1));
        assertEquals(0, limiter.acquire("user:a"));
        advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.acquire("user:a"));
        }
        assertEquals(2, limiter.acquire("user:a"));
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("user:a");
        }
        assertEquals(0, limiter.acquire("user:b"));
        assertEquals(0, limiter.acquire("ip:10.0.0.1"));
    }

    @Test
    void forgetsIdleBuckets() {
        limiter.acquire("user:a");
        limiter.acquire("user:b");
        advance(Duration.ofMinutes(11));
        limiter.acquire("user:c");
        assertEquals(1, limiter.trackedKeys());
    }

    @Test
    void admitsEverythingWhenDisabled() {
        RateLimiter off = new RateLimiter(false, 1, 0.5, Duration.ofMinutes(10), nanos::get);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, off.acquire("user:a"));
        }
    }

    @Test
    void twoGatewaysDealtRequestsInTurnAdmitTheConfiguredBurstInTotal() {
        RateLimiter first = new RateLimiter(true, 60, 2, 2, Duration.ofMinutes(10), nanos::get);
        RateLimiter second = new RateLimiter(true, 60, 2, 2, Duration.ofMinutes(10), nanos::get);

        assertEquals(60, admittedOf(200, first, second));
    }

    @Test
    void twoGatewaysRefillAtTheConfiguredRateInTotal() {
        RateLimiter first = new RateLimiter(true, 60, 2, 2, Duration.ofMinutes(10), nanos::get);
        RateLimiter second = new RateLimiter(true, 60, 2, 2, Duration.ofMinutes(10), nanos::get);
        admittedOf(200, first, second);

        advance(Duration.ofSeconds(10));

        assertEquals(20, admittedOf(200, first, second));
    }

    @Test
    void oneGatewayAloneAdmitsItsShareNotTheWholeLimit() {
        RateLimiter one = new RateLimiter(true, 60, 2, 3, Duration.ofMinutes(10), nanos::get);

        assertEquals(20, admittedOf(200, one));
    }

    /** Requests of one user, dealt out to the gateways in turn as a round-robin load balancer does. */
    private static int admittedOf(int requests, RateLimiter... gateways) {
        int admitted = 0;
        for (int i = 0; i < requests; i++) {
            if (gateways[i % gateways.length].acquire("user:a") == 0) {
                admitted++;
            }
        }
        return admitted;
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
