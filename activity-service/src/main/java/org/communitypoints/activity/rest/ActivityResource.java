package org.communitypoints.activity.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.communitypoints.activity.service.ActivityService;
import org.communitypoints.activity.service.AttendanceService;
import org.communitypoints.activity.service.AttendanceService.AttendanceResult;
import org.communitypoints.activity.service.RecordingService;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.membership.Acting;
import org.communitypoints.platform.data.membership.ActsOnBehalf;
import org.communitypoints.platform.web.Roles;

@Path("/activities")
public class ActivityResource {

    private final ActivityService activities;
    private final RecordingService recording;
    private final AttendanceService attendance;
    private final Acting acting;

    public ActivityResource(ActivityService activities, RecordingService recording, AttendanceService attendance,
            Acting acting) {
        this.activities = activities;
        this.recording = recording;
        this.attendance = attendance;
        this.acting = acting;
    }

    @POST
    @RolesAllowed(Roles.STAFF)
    public Response create(@Valid @NotNull CreateActivityRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        return ReplyMapper.reply(Status.CREATED, activities.create(request.toCommand(), key), ActivityMapper::toResponse);
    }

    /** The community's activities that have not ended yet, soonest first. */
    @GET
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER, Roles.STAFF })
    public List<ActivityResponse> upcoming() {
        return activities.upcoming().stream().map(ActivityMapper::toResponse).toList();
    }

    @GET
    @Path("/{activityId}")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER, Roles.STAFF })
    public ActivityResponse get(@PathParam("activityId") UUID activityId) {
        return ActivityMapper.toResponse(activities.get(activityId));
    }

    /**
     * The caller signs up, or with {@code On-Behalf-Of} a proxy (a family member or grid worker holding the resident's
     * SIGN_UP grant) signs the resident up; the sign-up records both.
     */
    @POST
    @Path("/{activityId}/sign-ups")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER })
    @ActsOnBehalf(Scope.SIGN_UP)
    public Response signUp(@PathParam("activityId") UUID activityId, @HeaderParam(IdempotentRequests.HEADER) String key) {
        return ReplyMapper.reply(Status.CREATED, activities.signUp(activityId, acting.memberId(), acting.actedBy(), key),
                ActivityMapper::toResponse);
    }

    /** "me" is the resident the request acts for: a proxy with the SIGN_UP grant cancels the resident's sign-up. */
    @DELETE
    @Path("/{activityId}/sign-ups/me")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER })
    @ActsOnBehalf(Scope.SIGN_UP)
    public void withdraw(@PathParam("activityId") UUID activityId) {
        activities.withdraw(activityId, acting.memberId());
    }

    @GET
    @Path("/{activityId}/roster")
    @RolesAllowed({ Roles.GRID_WORKER, Roles.STAFF })
    public RosterResponse roster(@PathParam("activityId") UUID activityId) {
        return ActivityMapper.toResponse(activities.roster(activityId));
    }

    @POST
    @Path("/{activityId}/check-ins")
    @RolesAllowed({ Roles.GRID_WORKER, Roles.STAFF })
    public Response checkIn(@PathParam("activityId") UUID activityId, @Valid @NotNull CheckInRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        return ReplyMapper.reply(Status.CREATED, recording.checkIn(activityId, request.toCommand(), key),
                ShiftMapper::toResponse);
    }

    @POST
    @Path("/{activityId}/shifts/bulk")
    @RolesAllowed({ Roles.GRID_WORKER, Roles.STAFF })
    public Response bulk(@PathParam("activityId") UUID activityId, @Valid @NotNull BulkRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        return ReplyMapper.reply(Status.CREATED, recording.bulk(activityId, request.toCommand(), key),
                ShiftMapper::toResponse);
    }

    /** The rotating code for the screen at the door; fetch again at {@code validUntil}. */
    @GET
    @Path("/{activityId}/check-in-code")
    @RolesAllowed({ Roles.GRID_WORKER, Roles.STAFF })
    public CheckInCodeResponse checkInCode(@PathParam("activityId") UUID activityId) {
        return ActivityMapper.toResponse(attendance.code(activityId));
    }

    /**
     * The resident confirms with the code on the screen that they are at the activity: 201 the first time, 200 for
     * a repeated scan (nothing changes). Verifies the resident's shifts there that wait for a second person.
     */
    @POST
    @Path("/{activityId}/attendance")
    @RolesAllowed(Roles.RESIDENT)
    public Response confirmAttendance(@PathParam("activityId") UUID activityId,
            @Valid @NotNull AttendanceRequest request) {
        AttendanceResult result = attendance.confirm(activityId, request.code());
        return Response.status(result.firstConfirmation() ? Status.CREATED : Status.OK)
                .entity(ActivityMapper.toResponse(result)).build();
    }
}
