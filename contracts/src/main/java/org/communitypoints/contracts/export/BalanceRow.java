package org.communitypoints.contracts.export;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One account in points-service's balance export ({@link BalanceExport}).
 *
 * @param accountId the account
 * @param communityId its community
 * @param accountType its type
 * @param ownerId member id (resident), partner id ({@code REDEMPTION}), "" (community-owned)
 * @param posted the sum of its posted legs up to the export's {@code asOf}
 * @param pending the sum of its pending (hold) legs up to {@code asOf}: negative on a resident while points are held
 * @param storedPosted the stored balance row's posted points now (null for the issuance account, which keeps no row)
 * @param storedPending the stored balance row's pending points now (null likewise)
 * @param totalPosted the sum of all its posted legs now, read in the same snapshot as the stored row
 * @param totalPending the sum of all its pending legs now, same snapshot; must equal {@code storedPending}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BalanceRow(
        long accountId,
        String communityId,
        AccountType accountType,
        String ownerId,
        long posted,
        long pending,
        @Schema(nullable = true) Long storedPosted,
        @Schema(nullable = true) Long storedPending,
        long totalPosted,
        long totalPending) {
}
