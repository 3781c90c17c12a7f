package org.communitypoints.catalog.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One resident's redemption of one reward and the voucher it becomes. Transitions are methods that
 * check the state they start from and answer false when the redemption is already past it: callers
 * hold the row lock, so a redelivered or late event can never move it twice or backwards.
 */
@Entity
@Table(name = "redemption")
public class Redemption {

    @Id
    public UUID id;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    /** The proxy (代办) who placed the redemption for the resident; null when the resident did. */
    @Column(name = "acted_by")
    public String actedBy;

    /**
     * The gateway's signed receipt of the request (contracts' RedemptionReceipt, wire form), carried in the hold
     * request so that points-service can tell it came from the resident; null for a request without one. Written once
     * (V96).
     */
    @Column(name = "receipt")
    public String receipt;

    @Column(name = "partner_id", nullable = false)
    public String partnerId;

    @Column(name = "reward_id", nullable = false)
    public UUID rewardId;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "meal_day")
    public LocalDate mealDay;

    @Enumerated(EnumType.STRING)
    @Column(name = "reward_kind", nullable = false)
    public RewardKind rewardKind;

    @Column(name = "reward_title", nullable = false)
    public String rewardTitle;

    @Column(name = "partner_name", nullable = false)
    public String partnerName;

    /** What the resident pays. */
    @Column(nullable = false)
    public long points;

    /** What the community subsidy pool pays (means-tested discount). */
    @Column(name = "subsidy_points", nullable = false)
    public long subsidyPoints;

    @Column(name = "subsidy_category")
    public String subsidyCategory;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public RedemptionState state;

    @Column(name = "reason_code")
    public String reasonCode;

    @Column(name = "reason_detail")
    public String reasonDetail;

    @Column(name = "voucher_code", unique = true)
    public String voucherCode;

    @Column(name = "valid_from", nullable = false)
    public Instant validFrom;

    @Column(name = "valid_until", nullable = false)
    public Instant validUntil;

    @Column(name = "hold_expires_at", nullable = false)
    public Instant holdExpiresAt;

    /** True while this redemption keeps a seat, meal or stock unit; returned exactly once. */
    @Column(name = "holds_capacity", nullable = false)
    public boolean holdsCapacity;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "fulfilled_at")
    public Instant fulfilledAt;

    @Column(name = "fulfilled_by")
    public String fulfilledBy;

    @Column(name = "captured_at")
    public Instant capturedAt;

    @Column(name = "released_at")
    public Instant releasedAt;

    /** Set by the database on every change (the export's sequence). */
    @Column(name = "change_seq", insertable = false, updatable = false)
    public Long changeSeq;

    public boolean confirm(String code) {
        if (state != RedemptionState.PENDING) {
            return false;
        }
        state = RedemptionState.CONFIRMED;
        voucherCode = code;
        return true;
    }

    public boolean reject(String code, String detail) {
        if (state != RedemptionState.PENDING) {
            return false;
        }
        state = RedemptionState.REJECTED;
        reasonCode = code;
        reasonDetail = detail;
        return true;
    }

    public boolean cancel() {
        return end(RedemptionState.CANCELLED, "CANCELLED", "Cancelled by the resident.");
    }

    public boolean expire(String code, String detail) {
        return end(RedemptionState.EXPIRED, code, detail);
    }

    private boolean end(RedemptionState ended, String code, String detail) {
        if (!state.isOpen()) {
            return false;
        }
        state = ended;
        reasonCode = code;
        reasonDetail = detail;
        return true;
    }

    public boolean fulfil(String staffId, Instant at) {
        if (state != RedemptionState.CONFIRMED) {
            return false;
        }
        state = RedemptionState.FULFILLED;
        fulfilledBy = staffId;
        fulfilledAt = at;
        return true;
    }

    public boolean captured(Instant at) {
        if (state != RedemptionState.FULFILLED) {
            return false;
        }
        state = RedemptionState.CAPTURED;
        capturedAt = at;
        return true;
    }

    public boolean captureFailed(String code, String detail) {
        if (state != RedemptionState.FULFILLED) {
            return false;
        }
        state = RedemptionState.CAPTURE_FAILED;
        reasonCode = code;
        reasonDetail = detail;
        return true;
    }

    public boolean released(Instant at) {
        if (releasedAt != null) {
            return false;
        }
        releasedAt = at;
        return true;
    }

    /** @return true if the seat, meal or stock unit must now be given back (and marks it given back) */
    public boolean takeBackCapacity() {
        if (!holdsCapacity || state.isOpen() || state.isUsed()) {
            return false;
        }
        holdsCapacity = false;
        return true;
    }

    public VoucherState voucherState(Instant now) {
        if (voucherCode == null) {
            return null;
        }
        return switch (state) {
            case CONFIRMED -> now.isAfter(validUntil) ? VoucherState.EXPIRED : VoucherState.ACTIVE;
            case FULFILLED, CAPTURED, CAPTURE_FAILED -> VoucherState.USED;
            case CANCELLED -> VoucherState.CANCELLED;
            default -> VoucherState.EXPIRED;
        };
    }
}
