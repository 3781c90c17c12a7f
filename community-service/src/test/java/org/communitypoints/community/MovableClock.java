package org.communitypoints.community;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import jakarta.inject.Singleton;

/**
 * The registry's clock in tests: the system clock in Asia/Shanghai until a test moves it (to 1 January), and back
 * with {@link #reset}. Takes the place of the service's default clock.
 */
@Singleton
public class MovableClock extends Clock {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private volatile Duration offset = Duration.ZERO;

    public void moveTo(Instant at) {
        offset = Duration.between(Instant.now(), at);
    }

    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
