package org.communitypoints.catalog.rest;

import java.util.List;
import java.util.UUID;

import org.communitypoints.catalog.domain.RewardKind;

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
        String description,
        long points,
        Long priceForYou,
        DiscountResponse discount,
        Integer dailyQuota,
        Integer hours,
        Integer validDays,
        Integer left,
        boolean available,
        List<SessionResponse> sessions) {
}
