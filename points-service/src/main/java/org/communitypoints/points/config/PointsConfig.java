package org.communitypoints.points.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "points")
public interface PointsConfig {

    /** The residents' time zone: passbook dates and date filters are read in it. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    Holds holds();

    Consumer consumer();

    Adjustment adjustment();

    Subsidy subsidy();

    Chain chain();

    Seal seal();

    /** The hash chain over the journal (README "Hash chain, seals and proofs"). */
    interface Chain {

        /**
         * How often the sequencer links what committed since its last run. Two seconds keeps a fresh transaction's
         * link (and the reconciler's view of it) seconds behind the journal, at one cheap query per run when idle.
         */
        @WithDefault("2s")
        Duration interval();

        /**
         * About how many postings one link transaction takes: 20,000 postings (10,000 credits, a few crediting polls)
         * are hashed in well under a second, so a long backlog is caught up in short transactions that never hold the
         * export's horizon back for long.
         */
        @WithDefault("20000")
        int batchPostings();
    }

    /** The signed monthly seal (README "Hash chain, seals and proofs"). */
    interface Seal {

        /** Whether the scheduler seals finished months by itself; tests seal the months they make. */
        @WithDefault("true")
        boolean enabled();

        /** How often finished months are looked for. Sealing is idempotent: a sealed month is skipped. */
        @WithDefault("10m")
        Duration checkInterval();

        /**
         * How long after a month ends (in {@link PointsConfig#zone()}) it is sealed: a booking dated just before
         * midnight may still be committing; ten minutes is far beyond any transaction of this service.
         */
        @WithDefault("10m")
        Duration grace();

        /**
         * The deployment's Ed25519 signing key, base64 of PKCS#8. A secret: set it from the environment
         * ({@code POINTS_SEAL_PRIVATE_KEY}). No default outside the dev and test profiles: without a key nothing is
         * sealed and the published key is absent.
         */
        Optional<String> privateKey();

        /** The matching public key, base64 of X.509 SubjectPublicKeyInfo; published for verifiers. */
        Optional<String> publicKey();
    }

    /** The insider controls on staff adjustments (README "Insider controls"). */
    interface Adjustment {

        /**
         * The most points one adjustment may add or take off. Adjustments correct a missed shift or an
         * offline gift, worth tens of points; 500 covers a whole day of volunteering, anything larger is
         * not a correction but a transfer and has no business in this form.
         */
        @WithDefault("500")
        long maxPoints();

        /**
         * The most points (added and taken off together) one staff member may adjust per day, in
         * {@link PointsConfig#zone()}: four adjustments of the maximum. A stolen staff login, or a colleague
         * paying friends, is stopped after a bounded loss.
         */
        @WithDefault("2000")
        long dailyLimitPerStaff();

        /**
         * Adjustments of more than this many points (either way) wait for a second staff member's approval;
         * at or below it they are booked at once. 100 points lets the everyday corrections (one shift, one gift)
         * through while every larger one needs two people.
         */
        @WithDefault("100")
        long approvalThreshold();
    }

    /** The subsidy pool that pays the means-tested discounts (README "The subsidy pool"). */
    interface Subsidy {

        /**
         * The most points staff may move into a community's subsidy pool per calendar month (in
         * {@link PointsConfig#zone()}), requested and approved fundings together. 5,000 points pays about a
         * hundred discounted canteen meals: what a street office budgets for a community of a few thousand.
         */
        @WithDefault("5000")
        long monthlyBudget();

        /** A community's own monthly budget where it differs: {@code points.subsidy.budget-by-community."shuita"=8000}. */
        Map<String, Long> budgetByCommunity();
    }

    interface Holds {

        /** How many expired holds one expiry run releases per transaction. */
        @WithDefault("200")
        int expiryBatchSize();

        /** How often expired holds are looked for (read by the scheduler). */
        @WithDefault("10s")
        Duration expiryInterval();

        /**
         * How long an answer's envelope is kept for re-sending it as published. catalog-service asks again within
         * minutes while an answer is missing; a request after this is answered by rebuilding the answer from the hold
         * under the same event id.
         */
        @WithDefault("30d")
        Duration answerEnvelopesKept();

        /** How often kept envelopes past {@link #answerEnvelopesKept()} are cleared (read by the scheduler). */
        @WithDefault("1h")
        Duration answerEnvelopesInterval();

        /** Envelopes cleared per transaction. */
        @WithDefault("5000")
        int answerEnvelopesBatchSize();

        /**
         * How long after a redemption was asked for a proxy's grant or a household's category missing from this
         * service's copy of the registry is taken for one the copy has not received yet (the poll is tried again)
         * rather than one the registry never had (the hold is refused). Both copies follow the same topic, so they
         * are normally apart by milliseconds; while the requests wait, the partition's other requests wait too.
         */
        @WithDefault("10s")
        Duration registryCopyGrace();

        /**
         * The secret the gateway signs its receipt of every redemption request with (HMAC-SHA256, at least 32 bytes):
         * a hold is placed only for a receipt signed with it (RedemptionReceiptService). Only the gateway and this
         * service hold it, never catalog-service, so someone with the catalog's database password cannot ask for a
         * hold no resident asked for. Set it from the environment ({@code REDEMPTION_RECEIPT_SECRET}); no default
         * outside the dev and test profiles, so a deployment without it does not start.
         */
        String receiptSecret();
    }

    interface Consumer {

        /**
         * How many partitions' shares of one poll of shifts are applied side by side (each in its own transaction).
         * Redemption requests are applied a whole poll in one transaction (RedemptionConsumer).
         */
        @WithDefault("3")
        int parallelPartitions();
    }
}
