package org.communitypoints.catalog.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.config.CatalogConfig;
import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.repository.RedemptionRepository;

/** Ends vouchers nobody used in time: the hold is released and the seat or stock goes back. */
@ApplicationScoped
public class ExpiryService {

    private final RedemptionRepository redemptions;
    private final CapacityService capacity;
    private final SagaEvents saga;
    private final CatalogConfig config;

    public ExpiryService(RedemptionRepository redemptions, CapacityService capacity, SagaEvents saga, CatalogConfig config) {
        this.redemptions = redemptions;
        this.capacity = capacity;
        this.saga = saga;
        this.config = config;
    }

    /** @return how many redemptions expired in this batch */
    @Transactional
    public int expireBatch(Instant now) {
        List<Redemption> due = redemptions.lockDueForExpiry(now, config.expiryBatchSize());
        for (Redemption r : due) {
            if (r.expire("VOUCHER_EXPIRED", "The voucher was not used before " + r.validUntil + ".")) {
                capacity.giveBack(r);
                saga.releaseRequested(r, "EXPIRED");
            }
        }
        return due.size();
    }
}
