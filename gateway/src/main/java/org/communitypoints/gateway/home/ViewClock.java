package org.communitypoints.gateway.home;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * The time kept views age by ({@link System#nanoTime()}). A bean of its own so that tests can move it: only time makes
 * a view age, and nothing outside the gateway shows a view's age to wait for.
 */
@ApplicationScoped
public class ViewClock implements Ticker {

    @Override
    public long read() {
        return System.nanoTime();
    }
}
