package org.communitypoints.community.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.communitypoints.contracts.events.HouseholdChanged.HouseholdStatus;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A household (户). Every change, its categories' included, raises the version HouseholdChanged carries
 * ({@link #changed}). CLOSED once its last active member moved out; registering a member opens it again.
 */
@Entity
@Table(name = "household")
@DynamicUpdate
public class Household {

    @Id
    private String id;

    @Column(name = "community_id", nullable = false)
    private String communityId;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private HouseholdStatus status;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Household() {
        // JPA
    }

    public static Household open(String id, String communityId, String name, Instant now) {
        Household household = new Household();
        household.id = id;
        household.communityId = communityId;
        household.name = name;
        household.status = HouseholdStatus.ACTIVE;
        household.version = 1;
        household.createdAt = now;
        household.updatedAt = now;
        return household;
    }

    /** @return false when the name is the same (nothing to publish) */
    public boolean rename(String newName, Instant now) {
        if (name.equals(newName)) {
            return false;
        }
        name = newName;
        changed(now);
        return true;
    }

    /** @return false when it was already closed */
    public boolean close(Instant now) {
        if (status == HouseholdStatus.CLOSED) {
            return false;
        }
        status = HouseholdStatus.CLOSED;
        changed(now);
        return true;
    }

    /** @return false when it was already open */
    public boolean reopen(Instant now) {
        if (status == HouseholdStatus.ACTIVE) {
            return false;
        }
        status = HouseholdStatus.ACTIVE;
        changed(now);
        return true;
    }

    /** A change of the household or of its categories: one more version. */
    public void changed(Instant now) {
        version++;
        updatedAt = now;
    }

    public String id() {
        return id;
    }

    public String communityId() {
        return communityId;
    }

    public String name() {
        return name;
    }

    public HouseholdStatus status() {
        return status;
    }

    public long version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
