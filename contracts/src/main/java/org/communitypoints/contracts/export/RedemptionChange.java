package org.communitypoints.contracts.export;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One step of a redemption's history.
 *
 * @param state the state entered
 * @param reasonCode why, when the step has a reason (e.g. INSUFFICIENT_POINTS, HOLD_NOT_ACTIVE); else null
 * @param at when the state was entered
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RedemptionChange(RedemptionState state, @Schema(nullable = true) String reasonCode, Instant at) {
}
