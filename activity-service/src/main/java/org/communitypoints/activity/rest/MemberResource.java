package org.communitypoints.activity.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.communitypoints.activity.rest.ActivityViews.MySignUp;
import org.communitypoints.activity.rest.ShiftViews.VolunteerRecord;
import org.communitypoints.activity.service.ActivityService;
import org.communitypoints.activity.service.RecordService;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;

/** The resident's own views, and a resident's record for grid workers and staff of the same community. */
@Path("/")
public class MemberResource {

    private final ActivityService activities;
    private final RecordService records;
    private final Caller caller;

    public MemberResource(ActivityService activities, RecordService records, Caller caller) {
        this.activities = activities;
        this.records = records;
        this.caller = caller;
    }

    /** The gateway's "My home" screen reads this with upcoming=true. */
    @GET
    @Path("me/sign-ups")
    @RolesAllowed(Roles.RESIDENT)
    public List<MySignUp> mySignUps(@QueryParam("upcoming") @DefaultValue("true") boolean upcoming) {
        return activities.mySignUps(upcoming);
    }

    @GET
    @Path("me/record")
    @RolesAllowed(Roles.RESIDENT)
    public VolunteerRecord myRecord() {
        return records.record(caller.id());
    }

    @GET
    @Path("members/{memberId}/record")
    @RolesAllowed({ Roles.RESIDENT, Roles.GRID_WORKER, Roles.STAFF })
    public VolunteerRecord record(@PathParam("memberId") String memberId) {
        return records.record(memberId);
    }
}
