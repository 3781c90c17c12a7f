package org.communitypoints.community.domain;

import java.time.Instant;
import java.time.Year;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;
import org.communitypoints.contracts.events.MemberChanged.VolunteerState;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A resident of a community, changed only through the named transitions below; each raises the version by one, the
 * version MemberChanged carries. Nothing is ever deleted: {@link #moveOut} closes the membership and keeps the
 * household link. Updated column by column ({@code @DynamicUpdate}): the runtime role may update only the columns a
 * change touches (V1's grants), never the id or the community.
 */
@Entity
@Table(name = "resident")
@DynamicUpdate
public class Resident {

    /** Residents of this age or older in the current year are elderly (老年人, 60+). */
    public static final int ELDERLY_AGE = 60;

    @Id
    @Column(name = "member_id")
    private String memberId;

    @Column(name = "community_id", nullable = false)
    private String communityId;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "household_id")
    private String householdId;

    private String phone;

    @Column(name = "birth_year")
    private Integer birthYear;

    @Enumerated(EnumType.STRING)
    @Column(name = "volunteer_state", nullable = false)
    private VolunteerState volunteerState;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MembershipStatus status;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "moved_out_at")
    private Instant movedOutAt;

    /** Elderly as last published (V52); the rule itself is {@link #elderlyIn}. */
    @Column(nullable = false)
    private boolean elderly;

    protected Resident() {
        // JPA
    }

    public static Resident register(String memberId, String communityId, Details details, Instant now) {
        Resident resident = new Resident();
        resident.memberId = memberId;
        resident.communityId = communityId;
        resident.status = MembershipStatus.ACTIVE;
        resident.createdAt = now;
        resident.version = 0;
        resident.apply(details, now);
        return resident;
    }

    /** Everything staff may change about a registered resident in one go. */
    public record Details(String displayName, String householdId, String phone, Integer birthYear,
            VolunteerState volunteerState) {
    }

    /** @return false when nothing changed (then the version stays and nothing is published) */
    public boolean update(Details details, Instant now) {
        if (details.equals(details())) {
            return false;
        }
        apply(details, now);
        return true;
    }

    /** Closes the membership; the household link stays as the last household the resident belonged to. */
    public void moveOut(Instant now) {
        status = MembershipStatus.MOVED_OUT;
        movedOutAt = now;
        touch(now);
    }

    /** Moving back in (or a join request approved for a resident who once moved out) opens the membership again. */
    public void moveBackIn(Details details, Instant now) {
        status = MembershipStatus.ACTIVE;
        movedOutAt = null;
        apply(details, now);
    }

    private void apply(Details details, Instant now) {
        displayName = details.displayName();
        householdId = details.householdId();
        phone = details.phone();
        birthYear = details.birthYear();
        volunteerState = details.volunteerState() == null ? VolunteerState.NONE : details.volunteerState();
        touch(now);
    }

    private void touch(Instant now) {
        updatedAt = now;
        version++;
    }

    public Details details() {
        return new Details(displayName, householdId, phone, birthYear, volunteerState);
    }

    /**
     * Takes what {@link #elderlyIn} says for {@code year} as the value to publish; called with every change about to
     * be published.
     */
    public void settleElderly(Year year) {
        elderly = elderlyIn(year);
    }

    /**
     * The year turned and the resident became elderly (or a corrected clock says otherwise): a change of its own, with
     * its own version.
     *
     * @return false when the published value is still right (then nothing changes)
     */
    public boolean refreshElderly(Year year, Instant now) {
        if (!active() || elderly == elderlyIn(year)) {
            return false;
        }
        elderly = elderlyIn(year);
        touch(now);
        return true;
    }

    /** Elderly as last published (or about to be). */
    public boolean elderly() {
        return elderly;
    }

    /** 60 or older in {@code year}, going by the birth year; unknown birth year: not elderly. */
    public boolean elderlyIn(Year year) {
        return birthYear != null && year.getValue() - birthYear >= ELDERLY_AGE;
    }

    public boolean active() {
        return status == MembershipStatus.ACTIVE;
    }

    public String memberId() {
        return memberId;
    }

    public String communityId() {
        return communityId;
    }

    public String displayName() {
        return displayName;
    }

    public String householdId() {
        return householdId;
    }

    public String phone() {
        return phone;
    }

    public Integer birthYear() {
        return birthYear;
    }

    public VolunteerState volunteerState() {
        return volunteerState;
    }

    public MembershipStatus status() {
        return status;
    }

    public long version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant movedOutAt() {
        return movedOutAt;
    }
}
