package org.communitypoints.activity.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One resident's time at one activity. Inserted with SQL (ShiftRepository) so the overlap exclusion
 * constraint answers without an exception; once VERIFIED its valued fields are history (a trigger guards them).
 * Verified only with a second person ({@link VerificationMethod}); a trigger refuses a verification without one.
 */
@Entity
@Table(name = "shift")
public class Shift {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "activity_id", nullable = false)
    public UUID activityId;

    @Column(name = "kind_id", nullable = false)
    public UUID kindId;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    @Column(name = "walk_in", nullable = false)
    public boolean walkIn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ShiftStatus status;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    public Integer minutes;

    @Column(name = "served_on", nullable = false)
    public LocalDate servedOn;

    public Long points;

    @Column(name = "rule_version")
    public Integer ruleVersion;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "verified_by")
    public String verifiedBy;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    /** How the second person confirmed; null until verified (and on shifts verified before maker-checker). */
    @Enumerated(EnumType.STRING)
    @Column(name = "verification_method")
    public VerificationMethod verificationMethod;

    /** The recorder asked to verify but a second person has not confirmed yet; null otherwise. */
    @Column(name = "verification_requested_by")
    public String verificationRequestedBy;

    @Column(name = "verification_requested_at")
    public Instant verificationRequestedAt;

    @Column(name = "rejected_by")
    public String rejectedBy;

    @Column(name = "rejected_at")
    public Instant rejectedAt;

    @Column(name = "rejection_reason")
    public String rejectionReason;
}
