package org.communitypoints.activity.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of a shift's audit trail: who did what, how, when. Append-only (a trigger refuses change). */
@Entity
@Table(name = "shift_audit")
public class ShiftAuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "shift_id", nullable = false)
    public UUID shiftId;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AuditAction action;

    @Column(nullable = false)
    public String actor;

    /** Set on VERIFIED only. */
    @Enumerated(EnumType.STRING)
    public VerificationMethod method;

    /** The points a verification or correction gave the shift. */
    public Long points;

    @Column(nullable = false)
    public Instant at;

    public static ShiftAuditEntry of(Shift shift, AuditAction action, String actor, Instant at) {
        ShiftAuditEntry entry = new ShiftAuditEntry();
        entry.shiftId = shift.id;
        entry.communityId = shift.communityId;
        entry.action = action;
        entry.actor = actor;
        entry.at = at;
        return entry;
    }

    public static ShiftAuditEntry verified(Shift shift) {
        ShiftAuditEntry entry = of(shift, AuditAction.VERIFIED, shift.verifiedBy, shift.verifiedAt);
        entry.method = shift.verificationMethod;
        entry.points = shift.points;
        return entry;
    }
}
