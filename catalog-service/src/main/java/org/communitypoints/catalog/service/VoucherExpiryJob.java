package org.communitypoints.catalog.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.config.CatalogConfig;
import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.messaging.RedemptionEvents;
import org.communitypoints.catalog.repository.RedemptionRepository;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Ends vouchers nobody used in time: the hold is released and the seat or stock goes back. Runs in
 * batches, one transaction each, so a backlog never becomes one huge transaction.
 */
@ApplicationScoped
public class VoucherExpiryJob {

    private static final Logger LOG = Logger.getLogger(VoucherExpiryJob.class);

    private final RedemptionRepository redemptions;
    private final CapacityService capacity;
    private final RedemptionEvents events;
    private final CatalogConfig config;

    public VoucherExpiryJob(RedemptionRepository redemptions, CapacityService capacity, RedemptionEvents events,
            CatalogConfig config) {
        this.redemptions = redemptions;
        this.capacity = capacity;
        this.events = events;
        this.config = config;
    }

    @Scheduled(every = "${catalog.expiry-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireDueVouchers() {
        Instant now = Instant.now();
        int total = 0;
        int batch;
        do {
            batch = expireBatch(now);
            total += batch;
        } while (batch == config.expiryBatchSize());
        if (total > 0) {
            LOG.infof("Expired %d unused vouchers", total);
        }
    }

    /**
     * One batch in its own transaction (ArC intercepts this call from the scheduled method too).
     *
     * @return how many redemptions expired in this batch
     */
    @Transactional
    int expireBatch(Instant now) {
        List<Redemption> due = redemptions.lockDueForExpiry(now, config.expiryBatchSize());
        for (Redemption r : due) {
            if (r.expire("VOUCHER_EXPIRED", "The voucher was not used before " + r.validUntil + ".")) {
                capacity.giveBack(r);
                events.releaseRequested(r, "EXPIRED");
            }
        }
        return due.size();
    }
}
