package org.communitypoints.activity.rest;

import org.communitypoints.activity.service.ActivityService.ActivityDetails;
import org.communitypoints.activity.service.ActivityService.Roster;
import org.communitypoints.activity.service.ActivityService.SignUpResult;
import org.communitypoints.activity.service.ActivityService.UpcomingSignUp;
import org.communitypoints.activity.service.AttendanceService.AttendanceResult;
import org.communitypoints.activity.service.AttendanceService.CheckInCode;

/** Activities and sign-ups as the API shows them. */
final class ActivityMapper {

    private ActivityMapper() {
    }

    static ActivityResponse toResponse(ActivityDetails a) {
        return new ActivityResponse(a.id(), a.title(), a.kindId(), a.kindCode(), a.kindName(), a.place(), a.startsAt(),
                a.endsAt(), a.capacity(), a.signedUp(), a.placesLeft());
    }

    static CheckInCodeResponse toResponse(CheckInCode c) {
        return new CheckInCodeResponse(c.activityId(), c.code(), c.validFrom(), c.validUntil(), c.acceptedUntil());
    }

    static AttendanceResponse toResponse(AttendanceResult a) {
        return new AttendanceResponse(a.activityId(), a.memberId(), a.confirmedAt(), a.firstConfirmation(),
                a.verifiedShifts().stream().map(ShiftMapper::toResponse).toList());
    }

    static SignUpResponse toResponse(SignUpResult s) {
        return new SignUpResponse(s.signUpId(), s.activityId(), s.memberId(), s.actedBy(), s.signedUpAt(),
                s.placesLeft());
    }

    static MySignUpResponse toResponse(UpcomingSignUp s) {
        return new MySignUpResponse(s.activityId(), s.title(), s.place(), s.startsAt(), s.endsAt());
    }

    static RosterResponse toResponse(Roster r) {
        return new RosterResponse(r.activityId(), r.title(), r.startsAt(), r.endsAt(), r.capacity(),
                r.signUps().stream()
                        .map(s -> new RosterResponse.SignUp(s.memberId(), s.displayName(), s.actedBy(), s.signedUpAt()))
                        .toList(),
                r.shifts().stream().map(ShiftMapper::toResponse).toList());
    }
}
