package org.communitypoints.catalog.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.config.CatalogConfig;
import org.communitypoints.catalog.service.RedemptionBatchService.Alone;
import org.communitypoints.catalog.service.RedemptionBatchService.Call;
import org.communitypoints.catalog.service.RedemptionBatchService.Made;
import org.communitypoints.catalog.service.RedemptionBatchService.Refused;
import org.communitypoints.catalog.service.RedemptionBatchService.Result;
import org.communitypoints.catalog.service.RedemptionService.NewRedemption;
import org.communitypoints.catalog.service.RedemptionService.RedemptionDetails;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gathers concurrent redemption requests and makes them together ({@link RedemptionBatchService}), as a database
 * commits the transactions that wait for the log together: a request that finds no batch being made makes one at once
 * (it leads); one that arrives meanwhile waits, and the next batch is made of every request that waited, up to
 * {@link CatalogConfig.RedemptionBatch#maxSize()}, by the first of them; a lone request is a batch of one. No thread of
 * its own: each request runs on its caller's worker thread, the leader's included, and a request made alone (a retry,
 * any request of a batch that failed) is made on its own caller's thread after the batch, beside the next batch.
 */
@ApplicationScoped
public class RedemptionGroupCommitService {

    private static final Logger LOG = Logger.getLogger(RedemptionGroupCommitService.class);

    /**
     * The batches of more than one request begun so far: how many, with how many requests, the largest how large, and
     * how many of them failed as a whole (their requests then made alone).
     */
    public record Stats(long batches, long requests, int largest, long failed) {
    }

    /** A waiting request: its answer, or its turn to lead the next batch. */
    private static final class Ticket {
        final Call call;
        final CompletableFuture<Result> result = new CompletableFuture<>();
        final CompletableFuture<Void> lead = new CompletableFuture<>();

        Ticket(Call call) {
            this.call = call;
        }
    }

    private final RedemptionService redemptions;
    private final RedemptionBatchService batches;
    private final RedemptionAdmissionService admission;
    private final int maxSize;
    private final long gatherNanos;

    private final Object lock = new Object();
    /** Requests waiting for the next batch; empty whenever no batch is being made. */
    private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
    /** Whether a request leads a batch now (guarded by lock). */
    private boolean led;

    /** Requests a batch made, lone ones included: an operator sees how much the batches carry under load. */
    private final DistributionSummary batchSizes;
    /** Batches given up as a whole, their requests made alone: a rise is worth a look at the WARN log. */
    private final Counter batchesGivenUp;

    private final AtomicLong batchesMade = new AtomicLong();
    private final AtomicLong requestsBatched = new AtomicLong();
    private final AtomicInteger largest = new AtomicInteger();
    private final AtomicLong batchesFailed = new AtomicLong();

    public RedemptionGroupCommitService(RedemptionService redemptions, RedemptionBatchService batches,
            RedemptionAdmissionService admission, CatalogConfig config, MeterRegistry registry) {
        this.redemptions = redemptions;
        this.batches = batches;
        this.admission = admission;
        this.batchSizes = DistributionSummary.builder("catalog.redemption.batch.requests")
                .description("Redemption requests made in one transaction").register(registry);
        this.batchesGivenUp = Counter.builder("catalog.redemption.batch.failed")
                .description("Batches of redemption requests given up as a whole, each request then made alone")
                .register(registry);
        this.maxSize = Math.max(1, config.redemptionBatch().maxSize());
        this.gatherNanos = config.redemptionBatch().gather().toNanos();
    }

    /**
     * As {@link RedemptionService#request}, with the same answers and refusals, made in a batch with the requests that
     * arrive at the same time. The caller has its place among the batched requests
     * ({@link RedemptionAdmissionService#admitBatched}).
     *
     * @throws CatalogBusyException when the request is to be made alone and no place for that frees up in time
     */
    public Outcome<RedemptionDetails> request(String communityId, String memberId, String actedBy,
            NewRedemption request, String idempotencyKey, UUID chosenId, String receipt) {
        Ticket mine = new Ticket(new Call(communityId, memberId, actedBy, request, idempotencyKey, chosenId, receipt));
        boolean leads;
        synchronized (lock) {
            waiting.add(mine);
            leads = !led;
            led = true;
        }
        if (!leads) {
            CompletableFuture.anyOf(mine.result, mine.lead).join();
            leads = !mine.result.isDone();
        }
        if (leads) {
            lead();
        }
        Result result = mine.result.join();
        if (result instanceof Made made) {
            return new Outcome<>(made.details(), false);
        }
        if (result instanceof Refused refused) {
            throw refused.problem();
        }
        // Made alone, it holds a connection of its own: within the bound of the work that does.
        return admission.admit(
                () -> redemptions.request(communityId, memberId, actedBy, request, idempotencyKey, chosenId, receipt));
    }

    /** Makes the next batch (the leader's own request first in it), then hands the lead to the next waiting request. */
    private void lead() {
        if (gatherNanos > 0) {
            LockSupport.parkNanos(gatherNanos);
        }
        List<Ticket> batch = new ArrayList<>();
        synchronized (lock) {
            while (batch.size() < maxSize && !waiting.isEmpty()) {
                batch.add(waiting.poll());
            }
        }
        try {
            make(batch);
        } finally {
            for (Ticket ticket : batch) {
                // Whatever went wrong, no caller waits for ever: it makes its request alone.
                ticket.result.complete(new Alone());
            }
            synchronized (lock) {
                Ticket next = waiting.peek();
                if (next == null) {
                    led = false;
                } else {
                    next.lead.complete(null);
                }
            }
        }
    }

    /**
     * A lone request too is made as a batch (of one), holding the lead while it is made, so that the requests arriving
     * meanwhile wait and make the next batch together. Made alone outside the lead, as first written, no request ever
     * found a batch under way: at 200 requests a second each came between two others and was made alone.
     */
    private void make(List<Ticket> batch) {
        boolean several = batch.size() > 1;
        batchSizes.record(batch.size());
        if (several) {
            batchesMade.incrementAndGet();
            requestsBatched.addAndGet(batch.size());
            largest.accumulateAndGet(batch.size(), Math::max);
        }
        List<Result> results;
        try {
            results = batches.make(batch.stream().map(t -> t.call).toList());
        } catch (RuntimeException e) {
            batchesGivenUp.increment();
            if (several) {
                batchesFailed.incrementAndGet();
            }
            LOG.warnf(e, "A batch of %d redemption requests failed as a whole; each is made alone", batch.size());
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(results.get(i));
        }
    }

    /**
     * The batches of several so far: for a test to see that one was made (the metrics count lone requests' batches
     * too).
     */
    public Stats stats() {
        return new Stats(batchesMade.get(), requestsBatched.get(), largest.get(), batchesFailed.get());
    }
}
