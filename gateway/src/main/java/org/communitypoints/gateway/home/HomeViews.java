package org.communitypoints.gateway.home;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.gateway.config.GatewayConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Each resident's last complete "my home", kept for up to {@code gateway.home.view-max-age} (30 s) so that a screen
 * asked for again soon is answered from memory instead of with three calls to the services: a "my home" asked of the
 * services costs the machine about as much as four reads, one from memory less than a proxied read.
 * <p>
 * What keeps a kept view honest:
 * <ul>
 * <li>Only a view with every part ok is kept: a part that was unavailable is asked for again on the next request.</li>
 * <li>The resident's own changes through this gateway (any request but a read, their own or a proxy's on their
 * behalf) forget the view once the change has been answered; a view still being fetched then is not kept either, so
 * the next screen is fetched after the change.</li>
 * <li>{@code Cache-Control: no-cache} (pull to refresh) always asks the services, and keeps what they answered.</li>
 * <li>The services' events about the resident (a verified shift, a redemption asked for or cancelled through any
 * gateway instance, points held, captured or released: {@link HomeChanges}) forget the view as well. An event may be
 * read here before the service it concerns has applied it (catalog-service confirms a voucher once it has read the
 * points-service answer this gateway reads too), so a view fetched within {@code gateway.home.change-settle} (3 s)
 * after an event is kept only until that time has passed.</li>
 * <li>Changes that send no event (a staff adjustment, an activity moved) show after at most the maximum age.</li>
 * </ul>
 * Requests for the same resident while a view is being fetched share that fetch. A view past seven to nine tenths of
 * its age (at random) is fetched again in the background when asked for (and the request answered from the view
 * kept), so a resident who
 * keeps coming back does not wait for the services either. The cache's hits and misses are published as
 * {@code cache_gets{cache="home_views"}}.
 * <p>
 * A view is kept as the JSON the resident is sent, written once when it is fetched: answering from memory is then
 * writing those bytes, not serialising the same screen again for every request.
 */
@ApplicationScoped
public class HomeViews {

    /** Null when views are off (a maximum age or size of 0). */
    private final AsyncCache<String, Kept> views;
    private final long maxAgeNanos;
    private final long settleNanos;
    /** When an event about the resident was last read ({@link ViewClock}), for the change-settle time. */
    private final Cache<String, Long> recentChanges;
    /** The residents whose view is being fetched again in the background, so that it is fetched once. */
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json;
    private final ViewClock clock;

    public HomeViews(GatewayConfig config, MeterRegistry registry, ObjectMapper json, ViewClock clock) {
        this.json = json;
        this.clock = clock;
        Duration maxAge = config.home().viewMaxAge();
        int maxSize = config.home().viewMaxSize();
        this.maxAgeNanos = maxAge.toNanos();
        this.settleNanos = config.home().changeSettle().toNanos();
        this.recentChanges = Caffeine.newBuilder().executor(Runnable::run).ticker(clock)
                .maximumSize(Math.max(maxSize, 1)).expireAfterWrite(config.home().changeSettle()).build();
        if (maxAge.isZero() || maxAge.isNegative() || maxSize <= 0) {
            this.views = null;
            return;
        }
        // The cache's own chores (its upkeep, the notice that a view was replaced) run on the calling thread: they
        // are short, and the default, the common fork-join pool, has a parallelism of 1 on a machine of two cores,
        // where CompletableFuture then starts a new thread for each such task: one or two per refreshed view, started
        // on the event loop answering the request.
        this.views = CaffeineCacheMetrics.monitor(registry,
                Caffeine.newBuilder().executor(Runnable::run).ticker(clock).maximumSize(maxSize)
                        .expireAfter(new UntilKeptUntil())
                        .recordStats().<String, Kept> buildAsync(),
                "home_views");
    }

    /**
     * A view as sent, whether every part of it came back, from when it is fetched again in the background if asked
     * for, and until when it may be answered ({@link ViewClock}).
     */
    private record Kept(byte[] json, boolean complete, long refreshFrom, long keptUntil) {
    }

    /** Each view expires at its own {@code keptUntil}: the maximum age, or sooner after an event (change-settle). */
    private static final class UntilKeptUntil implements Expiry<String, Kept> {
        @Override
        public long expireAfterCreate(String key, Kept kept, long currentTime) {
            return Math.max(0, kept.keptUntil() - currentTime);
        }

        @Override
        public long expireAfterUpdate(String key, Kept kept, long currentTime, long currentDuration) {
            return expireAfterCreate(key, kept, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Kept kept, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** The key of a resident's view: member ids are OIDC subjects, unique within the identity provider's realm. */
    public static String keyOf(String communityId, String memberId) {
        return communityId + '\n' + memberId;
    }

    /**
     * The resident's kept view, or a new one from {@code fetch}, as the JSON to send.
     *
     * @param fresh ask the services whatever is kept, and keep their answer
     */
    public CompletionStage<byte[]> viewOf(String key, boolean fresh, Supplier<CompletionStage<HomeView>> fetch) {
        if (views == null) {
            return fetched(key, fetch).thenApply(Kept::json);
        }
        CompletableFuture<Kept> kept;
        if (fresh) {
            kept = fetched(key, fetch);
            views.put(key, kept);
            dropIfIncomplete(key, kept);
        } else {
            boolean[] started = { false };
            kept = views.get(key, (k, executor) -> {
                started[0] = true;
                return fetched(key, fetch);
            });
            if (started[0]) {
                dropIfIncomplete(key, kept);
            } else {
                refreshIfAgeing(key, kept, fetch);
            }
        }
        return kept.thenApply(Kept::json);
    }

    private CompletableFuture<Kept> fetched(String key, Supplier<CompletionStage<HomeView>> fetch) {
        long startedAt = clock.read();
        return fetch.get().toCompletableFuture().thenApply(view -> new Kept(written(view), view.allPartsOk(),
                startedAt + refreshAfter(), keptUntil(key, startedAt)));
    }

    /**
     * How old a view is when a request for it also fetches it again in the background (and is answered with the view
     * kept): a resident who keeps looking never waits for the services, and never sees a view older than the maximum
     * age. Seven to nine tenths of the age, at random: views fetched together (a gateway's first minute, a benchmark's
     * start) would otherwise all be fetched again in the same second, every time, and 300 of them at once held the
     * p99 of every request in that second above 50 ms on the 2-core benchmark machine.
     */
    private long refreshAfter() {
        return (long) (maxAgeNanos * ThreadLocalRandom.current().nextDouble(0.7, 0.9));
    }

    /**
     * The maximum age from the start of the fetch, or sooner: a fetch that started within the change-settle time
     * after an event about the resident may not show yet what the event sets going, so it is kept no longer than
     * that time.
     */
    private long keptUntil(String key, long startedAt) {
        long until = startedAt + maxAgeNanos;
        Long changedAt = recentChanges.getIfPresent(key);
        if (changedAt != null && startedAt - changedAt < settleNanos) {
            until = Math.min(until, changedAt + settleNanos);
        }
        return until;
    }

    private byte[] written(HomeView view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A home view could not be written as JSON", e);
        }
    }

    /** Registered after the map's update, not inside it: a fetch that failed at once completes here directly. */
    private void dropIfIncomplete(String key, CompletableFuture<Kept> kept) {
        kept.thenAccept(done -> {
            if (!done.complete()) {
                views.asMap().remove(key, kept);
            }
        });
    }

    /**
     * Fetches an ageing view again in the background. Its answer takes the old view's place only if that is still
     * the one kept: a view the resident's change ended (or a refresh replaced) meanwhile is not brought back.
     */
    private void refreshIfAgeing(String key, CompletableFuture<Kept> kept, Supplier<CompletionStage<HomeView>> fetch) {
        Kept now = kept.getNow(null);
        if (now == null || clock.read() - now.refreshFrom() < 0 || !refreshing.add(key)) {
            return;
        }
        CompletableFuture<Kept> next;
        try {
            next = fetched(key, fetch);
        } catch (RuntimeException e) {
            refreshing.remove(key);
            throw e;
        }
        next.whenComplete((done, failure) -> {
            refreshing.remove(key);
            if (failure == null && done.complete()) {
                views.asMap().replace(key, kept, CompletableFuture.completedFuture(done));
            }
        });
    }

    /**
     * An event about the resident was read: forgets the view and a fetch of it under way, and keeps a view fetched
     * within the change-settle time from now only until that time has passed.
     */
    public void changed(String key) {
        if (views != null) {
            // Noted before the view is forgotten: a fetch that starts in between is then kept for the short time.
            recentChanges.put(key, clock.read());
            forget(key);
        }
    }

    /** Forgets the resident's view, and a fetch of it under way: the next request asks the services. */
    public void forget(String key) {
        if (views != null) {
            views.synchronous().invalidate(key);
        }
    }

    /** Every view forgotten (tests start from none). */
    public void forgetAll() {
        if (views != null) {
            views.synchronous().invalidateAll();
            recentChanges.invalidateAll();
        }
    }
}
