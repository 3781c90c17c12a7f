package org.communitypoints.activity.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Restates a verified shift (append-only); the correction with the highest sequence is the shift's current value. */
@Entity
@Table(name = "shift_correction")
public class ShiftCorrection {

    @Id
    public UUID id;

    @Column(name = "shift_id", nullable = false)
    public UUID shiftId;

    @Column(nullable = false)
    public int sequence;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    @Column(name = "previous_minutes", nullable = false)
    public int previousMinutes;

    @Column(name = "corrected_minutes", nullable = false)
    public int correctedMinutes;

    @Column(name = "previous_points", nullable = false)
    public long previousPoints;

    @Column(name = "corrected_points", nullable = false)
    public long correctedPoints;

    @Column(nullable = false)
    public boolean voided;

    @Column(nullable = false)
    public String reason;

    @Column(name = "corrected_by", nullable = false)
    public String correctedBy;

    @Column(name = "corrected_at", nullable = false)
    public Instant correctedAt;
}
