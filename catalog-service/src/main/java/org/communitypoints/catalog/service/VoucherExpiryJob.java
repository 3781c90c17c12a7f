package org.communitypoints.catalog.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.config.CatalogConfig;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Runs the expiry in batches, one transaction each, so a backlog never becomes one huge transaction. */
@ApplicationScoped
public class VoucherExpiryJob {

    private static final Logger LOG = Logger.getLogger(VoucherExpiryJob.class);

    private final ExpiryService expiry;
    private final CatalogConfig config;

    public VoucherExpiryJob(ExpiryService expiry, CatalogConfig config) {
        this.expiry = expiry;
        this.config = config;
    }

    @Scheduled(every = "${catalog.expiry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireDueVouchers() {
        Instant now = Instant.now();
        int total = 0;
        int batch;
        do {
            batch = expiry.expireBatch(now);
            total += batch;
        } while (batch == config.expiryBatchSize());
        if (total > 0) {
            LOG.infof("Expired %d unused vouchers", total);
        }
    }
}
