package org.communitypoints.catalog.rest;

import java.util.List;
import java.util.UUID;

import org.communitypoints.catalog.domain.RewardKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * @param priceForYou what the calling resident would pay (after their household's discount)
 * @param left meals left today (MEAL) or stock left (CHILDCARE_CREDIT, GOODS); classes count per session
 * @param available whether it can be redeemed now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RewardResponse(
        UUID id,
        String partnerId,
        String partnerName,
        RewardKind kind,
        String title,
        @Schema(nullable = true) String description,
        long points,
        long priceForYou,
        @Schema(nullable = true) DiscountResponse discount,
        @Schema(nullable = true) Integer dailyQuota,
        @Schema(nullable = true) Integer hours,
        @Schema(nullable = true) Integer validDays,
        @Schema(nullable = true) Integer left,
        boolean available,
        @Schema(nullable = true) List<SessionResponse> sessions) {
}
