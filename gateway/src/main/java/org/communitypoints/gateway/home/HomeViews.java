package org.communitypoints.gateway.home;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.gateway.config.GatewayConfig;

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
 * Requests for the same resident while a view is being fetched share that fetch. The cache's hits and misses are
 * published as {@code cache_gets{cache="home_views"}}.
 */
@ApplicationScoped
public class HomeViews {

    /** Null when views are off (a maximum age or size of 0). */
    private final AsyncCache<String, HomeView> views;

    public HomeViews(GatewayConfig config, MeterRegistry registry) {
        Duration maxAge = config.home().viewMaxAge();
        int maxSize = config.home().viewMaxSize();
        if (maxAge.isZero() || maxAge.isNegative() || maxSize <= 0) {
            this.views = null;
            return;
        }
        this.views = CaffeineCacheMetrics.monitor(registry,
                Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(maxAge).recordStats()
                        .<String, HomeView> buildAsync(),
                "home_views");
    }

    /** The key of a resident's view: member ids are OIDC subjects, unique within the identity provider's realm. */
    public static String keyOf(String communityId, String memberId) {
        return communityId + '\n' + memberId;
    }

    /**
     * The resident's kept view, or a new one from {@code fetch}.
     *
     * @param fresh ask the services whatever is kept, and keep their answer
     */
    public CompletionStage<HomeView> viewOf(String key, boolean fresh, Supplier<CompletionStage<HomeView>> fetch) {
        if (views == null) {
            return fetch.get();
        }
        CompletableFuture<HomeView> view;
        boolean fetched;
        if (fresh) {
            view = fetch.get().toCompletableFuture();
            views.put(key, view);
            fetched = true;
        } else {
            boolean[] started = { false };
            view = views.get(key, (k, executor) -> {
                started[0] = true;
                return fetch.get().toCompletableFuture();
            });
            fetched = started[0];
        }
        if (fetched) {
            // Registered after the map's update, not inside it: a fetch that failed at once completes here directly.
            view.thenAccept(done -> {
                if (!done.allPartsOk()) {
                    views.asMap().remove(key, view);
                }
            });
        }
        return view;
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
