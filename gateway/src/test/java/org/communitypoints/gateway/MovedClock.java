package org.communitypoints.gateway;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.gateway.home.ViewClock;

import io.quarkus.test.Mock;

/**
 * The views' clock in every gateway test: real time plus however far the tests have moved it on, so that a view can
 * age 30 seconds in no time. It only moves forwards, as {@link System#nanoTime()} does.
 */
@Mock
@ApplicationScoped
public class MovedClock extends ViewClock {

    private static final AtomicLong movedOn = new AtomicLong();

    /** Moves the views' clock on by {@code time}. */
    public static void moveOn(Duration time) {
        movedOn.addAndGet(time.toNanos());
    }

    @Override
    public long read() {
        return super.read() + movedOn.get();
    }
}
