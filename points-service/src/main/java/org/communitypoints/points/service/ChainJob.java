package org.communitypoints.points.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Keeps the hash chain seconds behind the journal: links whatever committed since the last run, batch by batch. */
@ApplicationScoped
public class ChainJob {

    private static final Logger LOG = Logger.getLogger(ChainJob.class);

    private final ChainService chain;

    public ChainJob(ChainService chain) {
        this.chain = chain;
    }

    @Scheduled(every = "{points.chain.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void link() {
        int linked;
        int total = 0;
        do {
            linked = chain.linkNext();
            total += linked;
        } while (linked > 0);
        if (total > 0) {
            LOG.debugf("Linked %d journal transactions", total);
        }
    }
}
