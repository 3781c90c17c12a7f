package org.communitypoints.catalog.service;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.config.CatalogConfig;

/**
 * Bounds the redemption requests and cancellations at work at once ({@link CatalogConfig.Admission}): one more
 * waits a moment (max-wait) for a place and is then refused with {@link CatalogBusyException} (503, Retry-After), instead of
 * queueing for seconds on a database connection while its caller has long given up. Taken around the whole
 * transaction, so a refused request changed nothing and may be sent again.
 */
@ApplicationScoped
public class RedemptionAdmissionService {

    private final Semaphore places;
    private final long waitNanos;

    public RedemptionAdmissionService(CatalogConfig config) {
        this.places = new Semaphore(config.admission().concurrent(), true);
        this.waitNanos = config.admission().maxWait().toNanos();
    }

    /**
     * @throws CatalogBusyException when no place frees up within the wait
     */
    public <T> T admit(Supplier<T> work) {
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
