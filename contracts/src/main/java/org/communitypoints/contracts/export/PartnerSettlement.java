package org.communitypoints.contracts.export;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a partner is owed for a period ({@code GET /api/catalog/partners/{id}/settlement?from=&to=}; days in
 * the community's time zone, both included, at most a year). The journal's {@code REDEMPTION} account of the
 * partner must have received {@code pointsCaptured + subsidyCaptured} in captures.
 *
 * @param partnerId the partner
 * @param partnerName its display name
 * @param from first day of the period
 * @param to last day of the period
 * @param vouchersFulfilled vouchers taken at the counter in the period
 * @param pointsCaptured points paid by residents for the captured ones
 * @param subsidyCaptured points paid by the community subsidy pool for the captured ones
 * @param awaitingCapture fulfilled, capture not yet confirmed by points-service
 * @param captureFailed fulfilled but the capture was refused: staff must look at these
 * @param lines one line per fulfilled voucher
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartnerSettlement(
        String partnerId,
        String partnerName,
        LocalDate from,
        LocalDate to,
        long vouchersFulfilled,
        long pointsCaptured,
        long subsidyCaptured,
        long awaitingCapture,
        long captureFailed,
        List<SettlementLine> lines) {

    public PartnerSettlement {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** What the partner's account must have received for this period. */
    @JsonIgnore
    public long capturedValue() {
        return pointsCaptured + subsidyCaptured;
    }
}
