package org.communitypoints.community.service;

import java.time.Instant;
import java.util.UUID;

import org.communitypoints.community.domain.JoinRequest;

/** A join request and its decision. {@code phone} is whole here; the REST layer masks it. */
public record JoinRequestView(UUID id, String memberId, String displayName, String phone, String address,
        JoinRequest.Status status, String householdId, String decidedBy, Instant decidedAt, String declineReason,
        Instant createdAt) {

    static JoinRequestView of(JoinRequest request) {
        return new JoinRequestView(request.id(), request.memberId(), request.displayName(), request.phone(),
                request.address(), request.status(), request.householdId(), request.decidedBy(),
                request.decidedAt(), request.declineReason(), request.createdAt());
    }
}
