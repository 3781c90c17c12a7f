package org.communitypoints.reconciler.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "reconciler")
public interface ReconcilerConfig {

    /**
     * Items asked for per page of the shift, redemption and unconfirmed-request exports (the first two allow at most
     * 1000).
     */
    @WithDefault("1000")
    int pageSize();

    /** Entries asked for per page of the journal export (points-service allows at most 5000). */
    @WithDefault("5000")
    int journalPageSize();

    /** Where an incremental run finds the cursors and running totals of the last successful run. */
    @WithDefault("reconciler-state.json")
    Path stateFile();

    /** Where report.json, summary.txt and discrepancies.csv are written. */
    @WithDefault("reconciler-report")
    Path outputDir();

    /**
     * How long a fact may wait for its counterpart before it counts as missing: a shift verified a
     * minute ago whose credit is still on its way through Kafka is in flight, not missing.
     */
    @WithDefault("PT10M")
    Duration grace();

    /**
     * Lifetime assumed for a hold whose redemption does not say when it expires (a redemption row without
     * {@code holdExpiresAt}): longer than any voucher's validity plus the day of grace, so that a seat booked
     * weeks ahead is not called stale.
     */
    @WithDefault("P31D")
    Duration holdTimeout();

    /** Settlements are asked for from this day to today: the whole history of the suite. */
    @WithDefault("2025-01-01")
    LocalDate settlementFrom();

    /**
     * Where {@code verify-proof} fetches the public seal key when none is given: the gateway's public
     * {@code /.well-known/community-points-seal-key}. The same gateway the exports are read through.
     */
    @WithDefault("${quarkus.rest-client.gateway.url}")
    String gatewayUrl();

    /** The communities' clock, for the settlement's days, the sealed months and the staff members' adjustment days. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /**
     * The bounds on staff adjustments the journal is checked against: points-service's own
     * ({@code points.adjustment.*}), with the same defaults; a city that changes them there changes them here too.
     */
    AdjustmentBounds adjustment();

    interface AdjustmentBounds {

        /** The most points one adjustment may add or take off (points-service {@code points.adjustment.max-points}). */
        @WithDefault("500")
        long maxPoints();

        /**
         * The most points one staff member may adjust alone (without a second person) in a day
         * ({@code points.adjustment.daily-limit-per-staff}).
         */
        @WithDefault("2000")
        long dailyLimitPerStaff();

        /** Adjustments larger than this need a second staff member ({@code points.adjustment.approval-threshold}). */
        @WithDefault("100")
        long approvalThreshold();
    }
}
