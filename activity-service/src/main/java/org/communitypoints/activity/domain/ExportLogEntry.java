package org.communitypoints.activity.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.communitypoints.contracts.export.ShiftExportType;

/**
 * One points-bearing fact (a verification or a correction) in the append-only log the reconciliation
 * export pages through. Not a ledger: the points ledger is points-service's journal; this log only lets
 * the reconciler check that journal against what activity-service decided. The writing transaction's id
 * ({@code tx_id}) is filled in by the database.
 */
@Entity
@Table(name = "shift_export_log")
public class ExportLogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    /** The writing transaction's id (xid8 as decimal text); set by the database, read by the export. */
    @Column(name = "tx_id", columnDefinition = "xid8", insertable = false, updatable = false)
    public String txId;

    @Enumerated(EnumType.STRING)
    @Column(name = "entry_type", nullable = false)
    public ShiftExportType type;

    @Column(name = "shift_id", nullable = false)
    public UUID shiftId;

    @Column(name = "correction_id")
    public UUID correctionId;

    @Column(name = "community_id", nullable = false)
    public String communityId;

    @Column(name = "member_id", nullable = false)
    public String memberId;

    public Long points;

    @Column(name = "previous_points")
    public Long previousPoints;

    @Column(name = "corrected_points")
    public Long correctedPoints;

    @Column(name = "event_id", nullable = false)
    public UUID eventId;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public static ExportLogEntry verified(Shift shift, UUID eventId) {
        ExportLogEntry entry = new ExportLogEntry();
        entry.type = ShiftExportType.SHIFT_VERIFIED;
        entry.shiftId = shift.id;
        entry.communityId = shift.communityId;
        entry.memberId = shift.memberId;
        entry.points = shift.points;
        entry.eventId = eventId;
        entry.recordedAt = shift.verifiedAt;
        return entry;
    }

    public static ExportLogEntry corrected(ShiftCorrection correction, UUID eventId) {
        ExportLogEntry entry = new ExportLogEntry();
        entry.type = ShiftExportType.SHIFT_CORRECTED;
        entry.shiftId = correction.shiftId;
        entry.correctionId = correction.id;
        entry.communityId = correction.communityId;
        entry.memberId = correction.memberId;
        entry.previousPoints = correction.previousPoints;
        entry.correctedPoints = correction.correctedPoints;
        entry.eventId = eventId;
        entry.recordedAt = correction.correctedAt;
        return entry;
    }
}
