package org.communitypoints.community.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Publishes again the residents whose "elderly" answer changed with the year: the rule reads the birth year, so on
 * 1 January everyone born 60 years before becomes elderly without anyone touching their record, and the other
 * services' copies (which price and choose by it) would not learn it until the next edit. Runs shortly after midnight
 * in the communities' zone, and once shortly after start (an instance that was down over New Year catches up).
 * Two instances may run it at once: each resident is locked and compared again before it is changed.
 */
@ApplicationScoped
public class ElderlyRefreshJob {

    private static final Logger LOG = Logger.getLogger(ElderlyRefreshJob.class);

    private final ResidentService residents;

    public ElderlyRefreshJob(ResidentService residents) {
        this.residents = residents;
    }

    @Scheduled(identity = "elderly-refresh-daily", cron = "{community.elderly-refresh.cron}", timeZone = "${community.zone}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void daily() {
        refreshAll();
    }

    @Scheduled(identity = "elderly-refresh-at-start", delayed = "{community.elderly-refresh.start-delay}", every = "P1D", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void atStart() {
        refreshAll();
    }

    /** @return how many residents were published again */
    public int refreshAll() {
        int republished = 0;
        for (String memberId : residents.elderlyOutOfDate()) {
            if (residents.refreshElderly(memberId)) {
                republished++;
            }
        }
        if (republished > 0) {
            LOG.infof("Published %d residents again whose elderly flag changed with the year", republished);
        }
        return republished;
    }
}
