package org.communitypoints.activity.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A resident's own confirmation, with the check-in code shown on site, that they were at an activity: the second
 * person for the shifts a grid worker recorded for them there. Inserted once with SQL (AttendanceRepository) so that
 * a second scan, even a concurrent one, changes nothing; never changed afterwards (a trigger refuses it).
 */
@Entity
@Table(name = "attendance")
@IdClass(Attendance.Key.class)
public class Attendance {

    @Id
    @Column(name = "activity_id")
    public UUID activityId;

    @Id
    @Column(name = "member_id")
    public String memberId;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "confirmed_at", nullable = false)
    public Instant confirmedAt;

    public record Key(UUID activityId, String memberId) implements Serializable {
    }
}
