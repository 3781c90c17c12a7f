package org.communitypoints.community.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

/** A resident's request to join the registry, sent from the mini-program and decided once by staff. */
@Entity
@Table(name = "join_request")
@DynamicUpdate
public class JoinRequest {

    public enum Status {
        PENDING,
        APPROVED,
        DECLINED
    }

    @Id
    private UUID id;

    @Column(name = "community_id", nullable = false)
    private String communityId;

    @Column(name = "member_id", nullable = false)
    private String memberId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(nullable = false)
    private String phone;

    @Column(nullable = false)
    private String address;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "household_id")
    private String householdId;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decline_reason")
    private String declineReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected JoinRequest() {
        // JPA
    }

    public static JoinRequest ask(String communityId, String memberId, String displayName, String phone,
            String address, Instant now) {
        JoinRequest request = new JoinRequest();
        request.id = UUID.randomUUID();
        request.communityId = communityId;
        request.memberId = memberId;
        request.displayName = displayName;
        request.phone = phone;
        request.address = address;
        request.status = Status.PENDING;
        request.createdAt = now;
        return request;
    }

    /** @throws IllegalStateException when already decided (the service checks {@link #pending()} first) */
    public void approve(String householdId, String staffId, Instant now) {
        decide(Status.APPROVED, staffId, now);
        this.householdId = householdId;
    }

    public void decline(String reason, String staffId, Instant now) {
        decide(Status.DECLINED, staffId, now);
        this.declineReason = reason;
    }

    private void decide(Status decision, String staffId, Instant now) {
        if (!pending()) {
            throw new IllegalStateException("join request " + id + " is already " + status);
        }
        status = decision;
        decidedBy = staffId;
        decidedAt = now;
    }

    public boolean pending() {
        return status == Status.PENDING;
    }

    public UUID id() {
        return id;
    }

    public String communityId() {
        return communityId;
    }

    public String memberId() {
        return memberId;
    }

    public String displayName() {
        return displayName;
    }

    public String phone() {
        return phone;
    }

    public String address() {
        return address;
    }

    public Status status() {
        return status;
    }

    public String householdId() {
        return householdId;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String declineReason() {
        return declineReason;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
