package org.communitypoints.catalog.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One dated session of a course (a CLASS_SEAT reward) with its own seats. */
@Entity
@Table(name = "class_session")
public class ClassSession {

    @Id
    public UUID id;

    @Column(name = "reward_id", nullable = false)
    public UUID rewardId;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(nullable = false)
    public int capacity;

    /** Read-only here: only the guarded reservation update changes it. */
    @Column(insertable = false, updatable = false)
    public int reserved;
}
