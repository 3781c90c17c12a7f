package org.communitypoints.activity.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "activity")
public class Activity {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "kind_id", nullable = false)
    public UUID kindId;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String place;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(nullable = false)
    public int capacity;

    /** Maintained only by guarded SQL updates (see SignUpRepository); read-only here. */
    @Column(name = "signed_up", nullable = false, insertable = false, updatable = false)
    public int signedUp;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
