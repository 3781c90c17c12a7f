package org.communitypoints.points.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

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
    }

    interface Consumer {

        /** How many partitions' shares of one poll are applied side by side (each in its own transaction). */
        @WithDefault("3")
        int parallelPartitions();
    }
}
