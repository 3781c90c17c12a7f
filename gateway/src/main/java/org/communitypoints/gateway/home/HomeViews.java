package org.communitypoints.gateway.home;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.gateway.config.GatewayConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Each resident's last complete "my home", kept for {@code gateway.home.view-max-age} (5 s) so that a screen asked
 * for again soon is answered from memory instead of with three calls to the services: a "my home" asked of the
 * services costs the machine about as much as four reads, one from memory less than a proxied read.
 * <p>
 * What keeps a kept view honest:
 * <ul>
 * <li>Only a view with every part ok is kept: a part that was unavailable is asked for again on the next request.</li>
 * <li>The resident's own changes through this gateway (any request but a read, their own or a proxy's on their
 * behalf) forget the view once the change has been answered; a view still being fetched then is not kept either, so
 * the next screen is fetched after the change.</li>
 * <li>{@code Cache-Control: no-cache} (pull to refresh) always asks the services, and keeps what they answered.</li>
 * <li>Changes made by others (a verified shift, a voucher taken at the counter, a redemption confirmed after its
 * request was answered) and changes through another gateway instance show after at most the maximum age. The
 * services' own answers are no fresher than that in spirit: credits and confirmations arrive through events.</li>
 * </ul>
 * Requests for the same resident while a view is being fetched share that fetch. A view in the last fifth of its age
 * is fetched again in the background when asked for (and the request answered from the view kept), so a resident who
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
    /**
     * A view older than this is fetched again in the background when it is asked for, and the request is answered
     * with the view kept: a resident who keeps looking never waits for the services, and never sees a view older than
     * the maximum age. Four fifths of it, so an active resident's view is fetched about once per maximum age.
     */
    private final long refreshAfterNanos;
    /** The residents whose view is being fetched again in the background, so that it is fetched once. */
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json;

    public HomeViews(GatewayConfig config, MeterRegistry registry, ObjectMapper json) {
        this.json = json;
        Duration maxAge = config.home().viewMaxAge();
        int maxSize = config.home().viewMaxSize();
        this.refreshAfterNanos = maxAge.toNanos() / 5 * 4;
        if (maxAge.isZero() || maxAge.isNegative() || maxSize <= 0) {
            this.views = null;
            return;
        }
        // The cache's own chores (its upkeep, the notice that a view was replaced) run on the calling thread: they
        // are short, and the default, the common fork-join pool, has a parallelism of 1 on a machine of two cores,
        // where CompletableFuture then starts a new thread for each such task: one or two per refreshed view, started
        // on the event loop answering the request.
        this.views = CaffeineCacheMetrics.monitor(registry,
                Caffeine.newBuilder().executor(Runnable::run).maximumSize(maxSize).expireAfterWrite(maxAge)
                        .recordStats().<String, Kept> buildAsync(),
                "home_views");
    }

    /** A view as sent, whether every part of it came back, and when it was fetched ({@link System#nanoTime()}). */
    private record Kept(byte[] json, boolean complete, long fetchedAt) {
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
            return fetched(fetch).thenApply(Kept::json);
        }
        CompletableFuture<Kept> kept;
        if (fresh) {
            kept = fetched(fetch);
            views.put(key, kept);
            dropIfIncomplete(key, kept);
        } else {
            boolean[] started = { false };
            kept = views.get(key, (k, executor) -> {
                started[0] = true;
                return fetched(fetch);
            });
            if (started[0]) {
                dropIfIncomplete(key, kept);
            } else {
                refreshIfAgeing(key, kept, fetch);
            }
        }
        return kept.thenApply(Kept::json);
    }

    private CompletableFuture<Kept> fetched(Supplier<CompletionStage<HomeView>> fetch) {
        return fetch.get().toCompletableFuture()
                .thenApply(view -> new Kept(written(view), view.allPartsOk(), System.nanoTime()));
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
        if (now == null || System.nanoTime() - now.fetchedAt() < refreshAfterNanos || !refreshing.add(key)) {
            return;
        }
        CompletableFuture<Kept> next;
        try {
            next = fetched(fetch);
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
        }
    }
}
