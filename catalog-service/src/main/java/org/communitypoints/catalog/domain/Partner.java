package org.communitypoints.catalog.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A community partner. Its id is also the {@code partner} claim in its staff's tokens. */
@Entity
@Table(name = "partner")
public class Partner {

    @Id
    public String id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerKind kind;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
