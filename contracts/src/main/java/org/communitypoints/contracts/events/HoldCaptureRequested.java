package org.communitypoints.contracts.events;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/** A partner fulfilled the voucher at the counter: capture the hold for the partner. */
public record HoldCaptureRequested(
        UUID redemptionId,
        String memberId,
        String partnerId,
        String fulfilledBy,
        Instant fulfilledAt) implements ContractEvent {
}
