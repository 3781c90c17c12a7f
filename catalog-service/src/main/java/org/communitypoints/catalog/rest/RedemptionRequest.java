package org.communitypoints.catalog.rest;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * @param sessionId CLASS_SEAT: the session to sit in
 * @param date MEAL: the day of the meal (default today)
 */
public record RedemptionRequest(@NotNull UUID rewardId, UUID sessionId, LocalDate date) {
}
