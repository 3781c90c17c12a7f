package org.communitypoints.catalog.config;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "catalog")
public interface CatalogConfig {

    /** The communities' clock: a meal voucher is valid for one calendar day here. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /**
     * How long after a voucher's validity points-service may release the hold by itself. Comfortably
     * longer than the expiry job's interval, so the catalog normally ends the redemption first.
     */
    @WithDefault("P1D")
    Duration holdGrace();

    /** How many days ahead a resident may book a canteen meal (0 = today only). */
    @WithDefault("7")
    int mealDaysAhead();

    /** How often the expiry job looks for vouchers past their validity. */
    @WithDefault("60s")
    Duration expiryInterval();

    /** Redemptions expired per transaction by the expiry job. */
    @WithDefault("200")
    int expiryBatchSize();

    /** How much redemption work the catalog takes on at once (service/RedemptionAdmissionService). */
    Admission admission();

    /**
     * A cancellation, and a redemption request made alone (a retry, or a request of a batch that failed), holds a
     * database connection for its transaction; the consumers, the outbox relay and the reads need some too (32 in all).
     * Past this many at once, more work only waits in line for a connection (measured: hundreds of worker threads
     * waiting seconds while the gateway gave up on them), so the next one is refused with 503, retrying being safe
     * under the same Idempotency-Key. Requests made in a batch share its one connection and have a bound of their own.
     */
    interface Admission {

        /**
         * Cancellations and requests made alone at work at once; leaves 8 connections to the saga's consumers, relay
         * and reads.
         */
        @WithDefault("24")
        int concurrent();

        /**
         * Redemption requests waiting for their batch or in it at once (service/RedemptionGroupCommitService): two
         * batches of {@link RedemptionBatch#maxSize()}. They hold a worker thread each but no connection, so this
         * bounds threads and waiting, not the pool. When it was the connections' 24, a batch never carried more than
         * 24, and a machine slow for a moment (a collector's pause) left more requests arriving than batches could
         * take: the rest waited for a place, and after {@link #maxWait()} were refused (37–254 of 6,000 in four of
         * thirteen 200/s runs).
         */
        @WithDefault("128")
        int batched();

        /**
         * How long one more waits for a place before it is refused: a moment, not a queue. Long enough that a machine
         * that is merely slow for a while is not refused (the gateway counts a 503 against its breaker for the whole
         * catalog), far shorter than the gateway's 10 s timeout.
         */
        @WithDefault("1s")
        Duration maxWait();
    }

    /** How concurrent redemption requests are made together in one transaction (service/RedemptionGroupCommitService). */
    RedemptionBatch redemptionBatch();

    /**
     * A request that arrives while a batch is being made waits for it to end and is then made with every other request
     * that arrived meanwhile, in one transaction whose statements each write the whole batch: PostgreSQL spends 0.48 ms
     * of CPU a request on a batch of ten against 1.7 ms on requests made one at a time (benchmarks/pgbench, 200/s).
     */
    interface RedemptionBatch {

        /**
         * The most requests made in one transaction. Admission lets twice as many wait ({@link Admission#batched()}),
         * so a burst fills batches to this size; 64 keeps one batch's transaction, which holds its seats, meals and
         * stock rows until it commits, to a few milliseconds of statements.
         */
        @WithDefault("64")
        int maxSize();

        /**
         * How long the request that starts a batch waits for others to join it. None: a batch fills by itself while
         * the one before it is being made, and a lone request must not wait for company that may never come. A test
         * sets it to make a batch of several requests for sure.
         */
        @WithDefault("0s")
        Duration gather();
    }

    /** How the saga finishes by itself when an answer from points-service does not come (service/SagaRecoveryJob). */
    Saga saga();

    /**
     * When and how often a redemption stuck waiting for points-service is asked about again. Every re-send is
     * safe to repeat: points-service applies a hold, capture or release of one redemption at most once.
     */
    interface Saga {

        /** How often the job looks for stuck redemptions. A minute is far below the ages below. */
        @WithDefault("60s")
        Duration interval();

        /**
         * A PENDING redemption older than this re-sends its hold request. points-service answers within a second
         * when it is up; five minutes waits out a restart or a short outage before adding traffic.
         */
        @WithDefault("5m")
        Duration pendingAge();

        /** A FULFILLED redemption without a capture answer this long after fulfilment re-sends its capture. */
        @WithDefault("5m")
        Duration captureAge();

        /**
         * A CANCELLED or EXPIRED redemption whose release was not confirmed this long after it ended re-sends the
         * release, until the hold's own expiry (after which points-service releases it by itself).
         */
        @WithDefault("5m")
        Duration releaseAge();

        /**
         * The longest wait between two re-sends of one step. The wait starts at the step's age and doubles with
         * each re-send, so a redemption points-service cannot answer (it is away for a day) costs a handful of
         * records, not one a minute; six hours still finishes a saga the same day once it is back.
         */
        @WithDefault("6h")
        Duration maxBackoff();

        /** Redemptions re-sent per transaction, so a backlog after an outage is never one huge transaction. */
        @WithDefault("100")
        int batchSize();
    }

    /** How a read of a PENDING redemption waits for its outcome ({@code Prefer: wait=N}, service/RedemptionWaitService). */
    RedemptionWait redemptionWait();

    interface RedemptionWait {

        /**
         * The longest wait honoured; a longer one asked for is cut to this. The gateway gives the catalog 10 s per call
         * (its own deadline 9.9 s) and counts a call past it against the catalog's breaker: 5 s leaves room for the read
         * after the wait on a machine short of CPU (with 8 s, reads at a load average of 27 ran past the deadline).
         */
        @WithDefault("5s")
        Duration max();

        /**
         * How often one query looks at every redemption waited on in this instance. An outcome applied here wakes its
         * waiters at its commit; this catches what another instance applied (the gateway spreads reads over
         * instances), a cancellation, the expiry job, and an outcome that committed between a waiter's registration
         * and its first read.
         */
        @WithDefault("200ms")
        Duration recheck();

        /**
         * While this instance's holds consumer owns every partition of the answers (a single instance), every hold,
         * refusal and release is applied here and wakes its waiters at its commit: the recheck then looks only at
         * redemptions waited on for at least this long, which only a cancellation, the expiry job or a rare race leave
         * waiting. Measured: rechecking every waiter every 200 ms was about 0.3 ms of PostgreSQL's CPU a redemption at
         * 200 a second, almost all of it for waiters their outcome woke a moment later. One second keeps a cancellation
         * seen by a waiting read within about 1.2 s.
         */
        @WithDefault("1s")
        Duration recheckAgeWhenAllAnswersComeHere();
    }
}
