package org.communitypoints.catalog.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.config.CatalogConfig;
import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.catalog.messaging.HoldAnswerAssignment;
import org.communitypoints.catalog.repository.RedemptionRepository;
import org.communitypoints.catalog.service.RedemptionService.RedemptionDetails;
import org.communitypoints.platform.data.NativeScalars;
import org.jboss.logging.Logger;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.StartupEvent;

/**
 * Reads of a PENDING redemption that wait for its outcome ({@code Prefer: wait=N}) without holding a thread or a
 * database connection meanwhile: each waiter is a future in a map keyed by the redemption's id. An outcome applied by
 * this instance completes its redemption's futures once its transaction has committed ({@link #wakeAfterCommit}),
 * with the redemption as committed; one periodic query over the ids waited on ({@link #recheck}) completes the rest
 * (another instance's outcome, a cancellation, the expiry job) without it: over every id while another instance may
 * apply outcomes, over those waited on for a while when this one applies them all ({@link HoldAnswerAssignment}). A waiter
 * woken with the committed redemption
 * answers from it when it may ({@code fromChange}); otherwise it reads again on a small pool of its own, in a
 * transaction of its own.
 */
@ApplicationScoped
public class RedemptionWaitService {

    private static final Logger LOG = Logger.getLogger(RedemptionWaitService.class);
    /** Ids per recheck query; more wait only in a run of many at once, and take several queries then. */
    private static final int RECHECK_BATCH = 500;

    /** Each redemption's waiters: completed with the redemption as committed here, or with null (read it again). */
    private final Map<UUID, Waiters> waiting = new ConcurrentHashMap<>();
    private final RedemptionRepository redemptions;
    private final Event<RedemptionChanged> changes;
    private final HoldAnswerAssignment answers;
    private final Duration max;
    private final Duration recheckEvery;
    private final long recheckAgeNanos;
    private final ScheduledExecutorService timer;
    /** Re-reads after a wake: short queries, so a few threads serve many waiters. */
    private final ExecutorService rereads;

    public RedemptionWaitService(RedemptionRepository redemptions, Event<RedemptionChanged> changes,
            HoldAnswerAssignment answers, CatalogConfig config) {
        this.redemptions = redemptions;
        this.changes = changes;
        this.answers = answers;
        this.max = config.redemptionWait().max();
        this.recheckEvery = config.redemptionWait().recheck();
        this.recheckAgeNanos = config.redemptionWait().recheckAgeWhenAllAnswersComeHere().toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redemption-wait-recheck");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger n = new AtomicInteger();
        this.rereads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "redemption-wait-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        rereads.shutdownNow();
    }

    /** The wait honoured for one asked for: at most the configured maximum; none for none or a negative. */
    public Duration honoured(Duration asked) {
        if (asked == null || asked.isNegative() || asked.isZero()) {
            return Duration.ZERO;
        }
        return asked.compareTo(max) > 0 ? max : asked;
    }

    /**
     * The redemption as {@code read} sees it, once it is no longer PENDING or after {@code wait}, whichever comes
     * first. The first read runs on the caller's thread; the wait holds nothing but a future.
     *
     * @param read reads the redemption with the caller's checks (throws for an id the caller may not see)
     * @param seenInFull whether the caller sees the redemption as its resident does (the voucher's code in full):
     *        then, once {@code read} let them see it, an outcome applied here is answered as committed, without
     *        reading again; staff and counters see the code masked and read again
     */
    public CompletionStage<RedemptionDetails> await(UUID id, Duration wait, Supplier<RedemptionDetails> read,
            boolean seenInFull) {
        long deadline = System.nanoTime() + wait.toNanos();
        // Registered before the read: an outcome committed in between completes the future instead of being missed.
        CompletableFuture<RedemptionDetails> changed = register(id);
        RedemptionDetails current;
        try {
            current = read.get();
        } catch (RuntimeException e) {
            unregister(id, changed);
            throw e;
        }
        if (!isPending(current) || wait.isZero()) {
            unregister(id, changed);
            return CompletableFuture.completedFuture(current);
        }
        return waitThenRead(id, changed, deadline, read, seenInFull, current);
    }

    /**
     * The resident's own redemption just committed PENDING by their request, once it is no longer PENDING or after
     * {@code wait}: no read before the wait, and none after it when this instance applied the outcome (the committed
     * redemption is the answer). The outcome cannot be applied before the request's event is even published, so
     * one committed between the request's commit and this call can only be one the relay, the broker and
     * points-service all passed within those microseconds; the {@link #recheck} would find it then.
     *
     * @param committed the redemption as the request committed it; its caller owns it
     * @param read reads it again where the outcome was not applied here
     */
    public CompletionStage<RedemptionDetails> awaitOwn(UUID id, Duration wait, RedemptionDetails committed,
            Supplier<RedemptionDetails> read) {
        if (!isPending(committed) || wait.isZero()) {
            return CompletableFuture.completedFuture(committed);
        }
        return waitThenRead(id, register(id), System.nanoTime() + wait.toNanos(), read, true, committed);
    }

    private static boolean isPending(RedemptionDetails r) {
        return r.state() == RedemptionState.PENDING;
    }

    private CompletionStage<RedemptionDetails> waitThenRead(UUID id, CompletableFuture<RedemptionDetails> changed,
            long deadline, Supplier<RedemptionDetails> read, boolean seenInFull, RedemptionDetails last) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            unregister(id, changed);
            return CompletableFuture.completedFuture(last);
        }
        // On the waiters' pool, not on the thread that woke it: that one applies the next outcomes.
        return changed.orTimeout(left, TimeUnit.NANOSECONDS).handleAsync((committed, timedOut) -> {
            if (timedOut != null) {
                unregister(id, changed);
                return CompletableFuture.completedFuture(last);
            }
            if (seenInFull && committed != null && !isPending(committed)) {
                return CompletableFuture.completedFuture(committed);
            }
            RedemptionDetails now = inTransaction(read);
            if (!isPending(now) || deadline - System.nanoTime() <= 0) {
                return CompletableFuture.completedFuture(now);
            }
            // Woken for an answer that left it PENDING (a repeat, an outcome of another kind): wait on.
            CompletableFuture<RedemptionDetails> again = register(id);
            RedemptionDetails reread = inTransaction(read);
            if (!isPending(reread)) {
                unregister(id, again);
                return CompletableFuture.completedFuture(reread);
            }
            return waitThenRead(id, again, deadline, read, seenInFull, reread);
        }, rereads).thenCompose(Function.identity());
    }

    /**
     * A read off the request's thread has no request context: the transaction gives it its persistence context (ArC
     * intercepts this call from within the bean too).
     */
    @Transactional
    RedemptionDetails inTransaction(Supplier<RedemptionDetails> read) {
        return read.get();
    }

    /**
     * Completes the waiters of this redemption when the current transaction commits (at once without one), with the
     * redemption as it then stands: a reader woken before the commit would still see PENDING.
     *
     * @param r the managed redemption the transaction changes; read at the commit, not now
     */
    public void wakeAfterCommit(Redemption r) {
        changes.fire(new RedemptionChanged(r));
    }

    /** A redemption's state changed in the current transaction. */
    record RedemptionChanged(Redemption redemption) {
    }

    /** CDI calls this once the firing transaction committed, and at once when none was active. */
    void wakeCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) RedemptionChanged changed) {
        Redemption r = changed.redemption();
        wake(r.id, () -> RedemptionDetails.of(r, Instant.now()));
    }

    /**
     * Starts the recheck on a timer of its own: Quarkus' scheduler runs nothing more often than once a second, and a
     * resident would wait up to a second for an outcome another instance applied.
     */
    void start(@Observes StartupEvent started) {
        RedemptionWaitService self = Arc.container().instance(RedemptionWaitService.class).get();
        long every = recheckEvery.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            if (waiting.isEmpty()) {
                return;
            }
            try {
                self.recheck();
            } catch (RuntimeException e) {
                // The next round asks again; a waiter meanwhile still ends at its deadline.
                LOG.warnf(e, "Could not look at the %d redemptions waited on", waiting.size());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * One query for the redemptions waited on here: those no longer PENDING wake their waiters. Every one while another
     * instance may apply their outcomes; only those waited on for a while when every outcome is applied here.
     */
    @Transactional
    void recheck() {
        List<UUID> ids = toRecheck(System.nanoTime());
        for (int from = 0; from < ids.size(); from += RECHECK_BATCH) {
            List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + RECHECK_BATCH));
            // One array parameter, not an IN list: an IN list of a new length is a new query for Hibernate to
            // translate (measured: the recheck took 9 % of the catalog's CPU at 100 redemptions a second).
            String array = batch.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
            List<UUID> done = NativeScalars.of(redemptions.getEntityManager(),
                    "select id from redemption where id = any(cast(:ids as uuid[])) and state <> 'PENDING'", "id", UUID.class)
                    .setParameter("ids", array).getResultList();
            done.forEach(id -> wake(id, () -> null));
        }
    }

    /** The redemptions the recheck at {@code now} (a {@link System#nanoTime()}) looks at. */
    public List<UUID> toRecheck(long now) {
        if (!answers.everyAnswerComesHere()) {
            return new ArrayList<>(waiting.keySet());
        }
        List<UUID> old = new ArrayList<>();
        waiting.forEach((id, waiters) -> {
            if (now - waiters.since >= recheckAgeNanos) {
                old.add(id);
            }
        });
        return old;
    }

    /** Whether a read in this instance waits for this redemption now. */
    public boolean isWaitedOn(UUID id) {
        return waiting.containsKey(id);
    }

    /** How many reads in this instance wait for this redemption now. */
    public int readersWaitingOn(UUID id) {
        Waiters waiters = waiting.get(id);
        return waiters == null ? 0 : waiters.futures.size();
    }

    private CompletableFuture<RedemptionDetails> register(UUID id) {
        CompletableFuture<RedemptionDetails> changed = new CompletableFuture<>();
        waiting.compute(id, (key, waiters) -> {
            Waiters all = waiters == null ? new Waiters(System.nanoTime()) : waiters;
            all.futures.add(changed);
            return all;
        });
        return changed;
    }

    private void unregister(UUID id, CompletableFuture<RedemptionDetails> changed) {
        waiting.computeIfPresent(id, (key, waiters) -> {
            waiters.futures.remove(changed);
            return waiters.futures.isEmpty() ? null : waiters;
        });
    }

    /**
     * @param committed the redemption as committed here, made only when somebody waits for it here (an outcome nobody
     *        waits for costs nothing more); null when its waiters must read it again
     */
    private void wake(UUID id, Supplier<RedemptionDetails> committed) {
        Waiters waiters = waiting.remove(id);
        if (waiters != null) {
            LOG.tracef("Waking %d readers of redemption %s", waiters.futures.size(), id);
            RedemptionDetails details = committed.get();
            waiters.futures.forEach(f -> f.complete(details));
        }
    }

    /**
     * The reads waiting for one redemption, and since when the first of them waits (a {@link System#nanoTime()});
     * changed only inside the map's compute, one redemption at a time.
     */
    private static final class Waiters {
        final long since;
        final List<CompletableFuture<RedemptionDetails>> futures = new ArrayList<>(2);

        Waiters(long since) {
            this.since = since;
        }
    }
}
