package org.communitypoints.catalog.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.communitypoints.contracts.export.PartnerSettlement;
import org.communitypoints.contracts.export.RedemptionState;
import org.communitypoints.contracts.export.SettlementLine;
import org.communitypoints.platform.web.csv.CsvDownload;

/**
 * A partner's settlement as CSV, one row per voucher, for the partner's spreadsheet. Written by platform-web's
 * {@code CsvWriter} (byte-order mark, RFC 4180 quoting, formula neutralisation): a reward titled {@code =1+2}, or
 * one starting with a tab, is shown, not run.
 */
final class SettlementMapper {

    static final List<String> COLUMNS = List.of("redemption_id", "voucher_code", "reward", "fulfilled_at", "fulfilled_by",
            "state", "resident_points", "subsidy_points");

    private SettlementMapper() {
    }

    /** Points only for CAPTURED rows: a voucher awaiting or refused capture has paid the partner nothing yet. */
    static Response csv(PartnerSettlement s) {
        List<SettlementLine> lines = s.lines(); // loaded already: the rows are written after the method returned
        return CsvDownload.of("settlement-" + s.partnerId() + "-" + s.from() + "-" + s.to() + ".csv", COLUMNS,
                csv -> {
                    for (SettlementLine l : lines) {
                        boolean captured = l.state() == RedemptionState.CAPTURED;
                        csv.row(l.redemptionId(), l.voucherCode(), l.rewardTitle(), l.fulfilledAt(), l.fulfilledBy(),
                                l.state(), captured ? l.points() : 0L, captured ? l.subsidyPoints() : 0L);
                    }
                });
    }
}
