package org.communitypoints.activity.rest;

import org.communitypoints.activity.service.RecordingService.BulkResult;
import org.communitypoints.activity.service.ReportService.MonthlyFigures;
import org.communitypoints.activity.service.ReportService.PointsByKind;
import org.communitypoints.activity.service.ShiftAuditService.AuditLine;
import org.communitypoints.activity.service.ShiftDetails;
import org.communitypoints.activity.service.ShiftDetails.CorrectionDetails;
import org.communitypoints.activity.service.VolunteerRecordService.VolunteerRecord;

/** Shifts, corrections, records and figures as the API shows them. */
final class ShiftMapper {

    private ShiftMapper() {
    }

    static ShiftResponse toResponse(ShiftDetails s) {
        return new ShiftResponse(s.id(), s.activityId(), s.activityTitle(), s.memberId(), s.walkIn(), s.status(),
                s.startedAt(), s.endedAt(), s.minutes(), s.servedOn(), s.points(), s.ruleVersion(), s.currentMinutes(),
                s.currentPoints(), s.recordedBy(), s.verifiedBy(), s.verifiedAt(), s.verificationMethod(),
                s.awaitingConfirmation(), s.rejectedBy(), s.rejectionReason(),
                s.corrections().stream().map(ShiftMapper::toResponse).toList());
    }

    static CorrectionResponse toResponse(CorrectionDetails c) {
        return new CorrectionResponse(c.correctionId(), c.shiftId(), c.sequence(), c.previousMinutes(),
                c.correctedMinutes(), c.previousPoints(), c.correctedPoints(), c.voided(), c.reason(), c.correctedBy(),
                c.correctedAt());
    }

    static BulkResponse toResponse(BulkResult b) {
        return new BulkResponse(b.activityId(), b.shifts().stream().map(ShiftMapper::toResponse).toList(), b.verified(),
                b.awaitingConfirmation());
    }

    static AuditLineResponse toResponse(AuditLine a) {
        return new AuditLineResponse(a.seq(), a.action(), a.actor(), a.method(), a.points(), a.at());
    }

    static VolunteerRecordResponse toResponse(VolunteerRecord r) {
        return new VolunteerRecordResponse(r.memberId(), r.verifiedShifts(), r.minutes(), r.hours(), r.pointsEarned(),
                r.shifts().stream().map(ShiftMapper::toResponse).toList());
    }

    static PointsByKindResponse toResponse(PointsByKind p) {
        return new PointsByKindResponse(p.communityId(), p.from(), p.to(), p.totalPoints(), p.kinds().stream()
                .map(k -> new KindPointsResponse(k.kindId().toString(), k.code(), k.name(), k.shifts(), k.minutes(),
                        k.hours(), k.points()))
                .toList());
    }

    static MonthlyFiguresResponse toResponse(MonthlyFigures f) {
        return new MonthlyFiguresResponse(f.communityId(), f.month(), f.activeVolunteers(), f.shifts(), f.minutes(),
                f.hours(), f.pointsAwarded());
    }
}
