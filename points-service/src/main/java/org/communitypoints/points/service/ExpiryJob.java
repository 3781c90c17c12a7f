package org.communitypoints.points.service;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.points.config.PointsConfig;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Runs points expiry once a day for every community whose rule is on. Safe to run twice, or on two instances at once:
 * each resident's expiry of a day is one transaction with an id derived from the day, and each warning one row.
 */
@ApplicationScoped
public class ExpiryJob {

    private static final Logger LOG = Logger.getLogger(ExpiryJob.class);

    private final ExpiryService expiry;
    private final PointsConfig config;

    public ExpiryJob(ExpiryService expiry, PointsConfig config) {
        this.expiry = expiry;
        this.config = config;
    }

    @Scheduled(cron = "{points.expiry.cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runToday() {
        LocalDate today = LocalDate.now(config.zone());
        for (ExpiryService.RunResult r : expiry.runDay(today)) {
            if (r.residents() > 0 || r.warned() > 0) {
                LOG.infof("Expiry %s of %s: %d points of %d residents lapsed, %d residents warned", today,
                        r.communityId(), r.points(), r.residents(), r.warned());
            }
        }
    }
}
