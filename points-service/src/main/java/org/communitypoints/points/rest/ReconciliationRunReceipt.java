package org.communitypoints.points.rest;

import java.util.UUID;

/** The answer to a posted run: its id and how many discrepancies were stored. */
public record ReconciliationRunReceipt(UUID runId, int discrepanciesStored) {
}
