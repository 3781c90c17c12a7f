package org.communitypoints.catalog.rest;

import org.communitypoints.contracts.export.PartnerSettlement;
import org.communitypoints.contracts.export.RedemptionState;
import org.communitypoints.contracts.export.SettlementLine;

/** A partner's settlement as CSV, one row per voucher, for the partner's spreadsheet. */
final class SettlementMapper {

    private SettlementMapper() {
    }

    /** CSV for spreadsheets: UTF-8 with a byte-order mark so Excel shows Chinese titles correctly. */
    static String csv(PartnerSettlement s) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append("redemption_id,voucher_code,reward,fulfilled_at,fulfilled_by,state,resident_points,subsidy_points\r\n");
        for (SettlementLine l : s.lines()) {
            out.append(l.redemptionId()).append(',')
                    .append(cell(l.voucherCode())).append(',')
                    .append(cell(l.rewardTitle())).append(',')
                    .append(l.fulfilledAt()).append(',')
                    .append(cell(l.fulfilledBy())).append(',')
                    .append(l.state()).append(',')
                    .append(l.state() == RedemptionState.CAPTURED ? l.points() : 0).append(',')
                    .append(l.state() == RedemptionState.CAPTURED ? l.subsidyPoints() : 0).append("\r\n");
        }
        return out.toString();
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = value;
        // A leading = + - @ would be run as a formula by spreadsheet programs.
        if (!safe.isEmpty() && "=+-@".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            safe = "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
