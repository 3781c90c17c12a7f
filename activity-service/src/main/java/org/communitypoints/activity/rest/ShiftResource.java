package org.communitypoints.activity.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.communitypoints.activity.rest.ShiftRequests.CheckOut;
import org.communitypoints.activity.rest.ShiftRequests.Correct;
import org.communitypoints.activity.rest.ShiftRequests.Reject;
import org.communitypoints.activity.rest.ShiftViews.ShiftView;
import org.communitypoints.activity.service.RecordService;
import org.communitypoints.activity.service.RecordingService;
import org.communitypoints.activity.service.VerificationService;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.web.Roles;

@Path("/shifts/{shiftId}")
@RolesAllowed({ Roles.GRID_WORKER, Roles.STAFF })
public class ShiftResource {

    private final RecordingService recording;
    private final VerificationService verification;
    private final RecordService records;

    public ShiftResource(RecordingService recording, VerificationService verification, RecordService records) {
        this.recording = recording;
        this.verification = verification;
        this.records = records;
    }

    @GET
    public ShiftView get(@PathParam("shiftId") UUID shiftId) {
        return records.shift(shiftId);
    }

    /** The body is optional: {@code {"at": ...}} when the phone noted the time while offline. */
    @POST
    @Path("/check-out")
    public Response checkOut(@PathParam("shiftId") UUID shiftId, @Valid CheckOut request,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        return Answers.of(Status.OK, recording.checkOut(shiftId, request, key));
    }

    @POST
    @Path("/verify")
    public Response verify(@PathParam("shiftId") UUID shiftId, @HeaderParam(IdempotentRequests.HEADER) String key) {
        return Answers.of(Status.OK, verification.verify(shiftId, key));
    }

    @POST
    @Path("/reject")
    public Response reject(@PathParam("shiftId") UUID shiftId, @Valid @NotNull Reject request,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        return Answers.of(Status.OK, verification.reject(shiftId, request, key));
    }

    @POST
    @Path("/corrections")
    public Response correct(@PathParam("shiftId") UUID shiftId, @Valid @NotNull Correct request,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        return Answers.of(Status.CREATED, verification.correct(shiftId, request, key));
    }
}
