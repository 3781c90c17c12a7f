package org.communitypoints.points.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.points.config.PointsConfig;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Seals every finished month by itself, soon after it ends; a month already sealed is left as it is. */
@ApplicationScoped
public class SealJob {

    private static final Logger LOG = Logger.getLogger(SealJob.class);

    private final SealService seals;
    private final SealKeyService keys;
    private final PointsConfig config;

    public SealJob(SealService seals, SealKeyService keys, PointsConfig config) {
        this.seals = seals;
        this.keys = keys;
        this.config = config;
    }

    @Scheduled(every = "{points.seal.check-interval}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sealFinishedMonths() {
        if (!config.seal().enabled()) {
            return;
        }
        if (!keys.canSign()) {
            LOG.warn("No seal key configured (points.seal.private-key): finished months stay unsealed");
            return;
        }
        try {
            for (SealService.Sealed sealed : seals.sealDue(Instant.now())) {
                LOG.infof("Sealed %s %s: %d transactions", sealed.communityId(), sealed.month(), sealed.transactions());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Sealing stopped: %s", e.getMessage());
        }
    }
}
