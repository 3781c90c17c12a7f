package org.communitypoints.catalog.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Something a partner gives for points. Counters (stock, seats, meals) change only by guarded SQL updates. */
@Entity
@Table(name = "reward")
public class Reward {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RewardKind kind;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(nullable = false)
    public long points;

    @Column(name = "daily_quota")
    public Integer dailyQuota;

    /** Read-only here: reservations change it in the database, never through the entity. */
    @Column(insertable = true, updatable = false)
    public Integer stock;

    public Integer hours;

    @Column(name = "valid_days", nullable = false)
    public int validDays;

    @Column(name = "discount_percent")
    public Integer discountPercent;

    @Column(name = "discount_points")
    public Long discountPoints;

    @Column(name = "discount_categories", nullable = false)
    public String[] discountCategories = new String[0];

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public boolean hasDiscount() {
        return discountPercent != null || discountPoints != null;
    }

    /** The household's category this reward's discount applies to, if any. */
    public Optional<EligibilityCategory> discountCategoryFor(Set<EligibilityCategory> household) {
        if (!hasDiscount()) {
            return Optional.empty();
        }
        return Arrays.stream(EligibilityCategory.values())
                .filter(household::contains)
                .filter(c -> discountCategories.length == 0 || Arrays.asList(discountCategories).contains(c.name()))
                .findFirst();
    }

    /** The part of the price the subsidy pool pays for an eligible household. */
    public long subsidy() {
        if (discountPercent != null) {
            return points * discountPercent / 100;
        }
        return discountPoints == null ? 0 : Math.min(points, discountPoints);
    }
}
