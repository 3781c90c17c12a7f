package org.communitypoints.activity.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A resident's place at an activity. Written and counted with guarded SQL (SignUpRepository) so that the
 * database settles races for the last place; mapped here so its repository is a Panache repository.
 */
@Entity
@Table(name = "sign_up")
public class SignUp {

    @Id
    public UUID id;

    @Column(name = "activity_id", nullable = false)
    public UUID activityId;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    /** The proxy (代办) who signed the resident up; null when they signed up themself. */
    @Column(name = "acted_by")
    public String actedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SignUpStatus status;

    @Column(name = "signed_up_at", nullable = false)
    public Instant signedUpAt;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;
}
