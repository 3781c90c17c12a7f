package org.communitypoints.activity.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One immutable version of a kind's points rule (the database refuses updates). */
@Entity
@Table(name = "points_rule")
public class PointsRule {

    @Id
    public UUID id;

    @Column(name = "kind_id", nullable = false)
    public UUID kindId;

    @Column(nullable = false)
    public int version;

    @Column(name = "valid_from", nullable = false)
    public Instant validFrom;

    @Column(name = "points_per_hour", nullable = false)
    public int pointsPerHour;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Rounding rounding;

    @Column(name = "minimum_minutes", nullable = false)
    public int minimumMinutes;

    @Column(name = "daily_cap_points", nullable = false)
    public int dailyCapPoints;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public long pointsFor(int minutes) {
        return rounding.points(pointsPerHour, minutes);
    }
}
