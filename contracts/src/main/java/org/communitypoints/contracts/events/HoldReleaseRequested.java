package org.communitypoints.contracts.events;

import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/** The redemption ended without fulfilment (cancelled by the resident, voucher expired): release the hold. */
public record HoldReleaseRequested(
        UUID redemptionId,
        String memberId,
        String reason) implements ContractEvent {
}
