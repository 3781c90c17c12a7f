package org.communitypoints.catalog.service;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.config.CatalogConfig;

/**
 * Bounds the redemption work under way at once ({@link CatalogConfig.Admission}): cancellations and requests made alone,
 * which hold a database connection each ({@link #admit}), and requests made in a batch, which share the batch's one
 * ({@link #admitBatched}). One more waits a moment (max-wait) for a place and is then refused with
 * {@link CatalogBusyException} (503, Retry-After), instead of queueing for seconds while its caller has long given up.
 * Taken around the whole transaction, so a refused request changed nothing and may be sent again.
 */
@ApplicationScoped
public class RedemptionAdmissionService {

    private final Semaphore connectionPlaces;
    private final Semaphore batchedPlaces;
    private final long waitNanos;

    public RedemptionAdmissionService(CatalogConfig config) {
        this.connectionPlaces = new Semaphore(config.admission().concurrent(), true);
        this.batchedPlaces = new Semaphore(config.admission().batched(), true);
        this.waitNanos = config.admission().maxWait().toNanos();
    }

    /**
     * Work that holds a database connection of its own: a cancellation, a redemption request made alone.
     *
     * @throws CatalogBusyException when no place frees up within the wait
     */
    public <T> T admit(Supplier<T> work) {
        return within(connectionPlaces, work);
    }

    /**
     * A redemption request to be made in a batch ({@link RedemptionGroupCommitService}), which takes a place of
     * {@link #admit} too if it ends up made alone.
     *
     * @throws CatalogBusyException when no place frees up within the wait
     */
    public <T> T admitBatched(Supplier<T> work) {
        return within(batchedPlaces, work);
    }

    private <T> T within(Semaphore places, Supplier<T> work) {
        boolean admitted;
        try {
            admitted = places.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            throw new CatalogBusyException();
        }
        try {
            return work.get();
        } finally {
            places.release();
        }
    }
}
