package org.communitypoints.activity.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.communitypoints.activity.service.ActivityService;
import org.communitypoints.activity.service.VolunteerRecordService;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

/** The resident's own views, and a resident's record for grid workers and staff of the same community. */
@Path("/")
public class MemberResource {

    private final ActivityService activities;
    private final VolunteerRecordService records;
    private final Caller caller;

    public MemberResource(ActivityService activities, VolunteerRecordService records, Caller caller) {
        this.activities = activities;
        this.records = records;
        this.caller = caller;
    }

    /** The gateway's "My home" screen reads this with upcoming=true. */
    @GET
    @Path("me/sign-ups")
    @RolesAllowed(Roles.RESIDENT)
    public List<MySignUpResponse> mySignUps(@QueryParam("upcoming") @DefaultValue("true") Boolean upcoming) {
        return activities.mySignUps(upcoming).stream().map(ActivityMapper::toResponse).toList();
    }

    @GET
    @Path("me/record")
    @RolesAllowed(Roles.RESIDENT)
    public VolunteerRecordResponse myRecord() {
        return ShiftMapper.toResponse(records.record(caller.id()));
    }

    @GET
    @Path("members/{memberId}/record")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER, Roles.STAFF })
    public VolunteerRecordResponse record(@PathParam("memberId") String memberId) {
        return ShiftMapper.toResponse(records.record(memberId));
    }
}
