package org.communitypoints.community.domain;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.communitypoints.contracts.events.HouseholdCategory;
import org.hibernate.annotations.DynamicUpdate;

/** A means-tested category recorded on a household, with its dates and the evidence staff saw (never published). */
@Entity
@Table(name = "household_category")
@DynamicUpdate
public class CategoryTag {

    /** The household and the code: one row each. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "household_id")
        private String householdId;

        @Enumerated(EnumType.STRING)
        @Column(name = "code")
        private HouseholdCategory code;

        protected Key() {
            // JPA
        }

        public Key(String householdId, HouseholdCategory code) {
            this.householdId = householdId;
            this.code = code;
        }

        public String householdId() {
            return householdId;
        }

        public HouseholdCategory code() {
            return code;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(householdId, key.householdId) && code == key.code;
        }

        @Override
        public int hashCode() {
            return Objects.hash(householdId, code);
        }
    }

    @EmbeddedId
    private Key key;

    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;

    @Column(name = "valid_until")
    private LocalDate validUntil;

    @Column(name = "evidence_note", nullable = false)
    private String evidenceNote;

    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected CategoryTag() {
        // JPA
    }

    public static CategoryTag record(String householdId, HouseholdCategory code, Tagging tagging, String staffId,
            Instant now) {
        CategoryTag category = new CategoryTag();
        category.key = new Key(householdId, code);
        category.retag(tagging, staffId, now);
        return category;
    }

    /** What staff record when they tag a household. */
    public record Tagging(LocalDate validFrom, LocalDate validUntil, String evidenceNote) {
    }

    /** @return false when the dates and evidence are the same as recorded (nothing to publish) */
    public boolean retag(Tagging tagging, String staffId, Instant now) {
        if (recordedBy != null && tagging.equals(new Tagging(validFrom, validUntil, evidenceNote))) {
            return false;
        }
        validFrom = tagging.validFrom();
        validUntil = tagging.validUntil();
        evidenceNote = tagging.evidenceNote();
        recordedBy = staffId;
        recordedAt = now;
        return true;
    }

    public String householdId() {
        return key.householdId();
    }

    public HouseholdCategory code() {
        return key.code();
    }

    public LocalDate validFrom() {
        return validFrom;
    }

    public LocalDate validUntil() {
        return validUntil;
    }

    public String evidenceNote() {
        return evidenceNote;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
