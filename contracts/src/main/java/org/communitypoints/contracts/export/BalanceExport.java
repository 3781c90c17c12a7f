package org.communitypoints.contracts.export;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * points-service's balance export ({@code GET /api/points/exports/balances?asOf=&communityId=}): every
 * account of a community at one moment, not paged.
 *
 * @param asOf the moment {@code posted}/{@code pending} of every row are computed at (postings up to and
 *        including it)
 * @param balances one row per account with postings
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BalanceExport(Instant asOf, List<BalanceRow> balances) {

    public BalanceExport {
        balances = balances == null ? List.of() : List.copyOf(balances);
    }
}
