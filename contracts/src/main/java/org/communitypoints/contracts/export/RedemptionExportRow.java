package org.communitypoints.contracts.export;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One redemption in catalog-service's export ({@code GET /api/catalog/exports/redemptions}, an
 * {@link ExportPage} of these): a redemption appears again, whole, each time it changes; the latest row wins.
 *
 * @param id the redemption; the {@code causeId} of its {@code HOLD}, {@code CAPTURE} and {@code RELEASE}
 *        transactions in the journal
 * @param cursor the export position of this change
 * @param communityId the resident's community
 * @param memberId the resident who redeemed
 * @param partnerId the partner who provides the reward; owner of the journal's {@code REDEMPTION} account
 * @param rewardId the reward redeemed
 * @param rewardTitle its title (may be Chinese)
 * @param points what the resident pays (the amount held, then captured from the resident)
 * @param subsidyPoints what the community subsidy pool adds on capture (0 without subsidy)
 * @param state the current state
 * @param voucherCode the voucher shown at the counter (null before confirmation)
 * @param createdAt when the resident redeemed
 * @param fulfilledAt when the partner took the voucher (null if not yet)
 * @param capturedAt when the capture was confirmed (null if not yet)
 * @param releasedAt when the hold was confirmed released (null if not)
 * @param holdExpiresAt when points-service may release the hold by itself; a hold alive after it is stale
 *        (null when no hold was placed)
 * @param history every state entered, oldest first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RedemptionExportRow(
        UUID id,
        long cursor,
        String communityId,
        String memberId,
        String partnerId,
        UUID rewardId,
        String rewardTitle,
        long points,
        long subsidyPoints,
        RedemptionState state,
        @Schema(nullable = true) String voucherCode,
        Instant createdAt,
        @Schema(nullable = true) Instant fulfilledAt,
        @Schema(nullable = true) Instant capturedAt,
        @Schema(nullable = true) Instant releasedAt,
        @Schema(nullable = true) Instant holdExpiresAt,
        List<RedemptionChange> history) {

    public RedemptionExportRow {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
