package org.communitypoints.activity.rest;

import java.util.List;
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

import org.communitypoints.activity.service.RecordingService;
import org.communitypoints.activity.service.ShiftAuditService;
import org.communitypoints.activity.service.VerificationService;
import org.communitypoints.activity.service.VolunteerRecordService;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.web.Roles;

@Path("/shifts/{shiftId}")
@RolesAllowed({ Roles.GRID_WORKER, Roles.STAFF })
public class ShiftResource {

    private final RecordingService recording;
    private final VerificationService verification;
    private final VolunteerRecordService records;

    private final ShiftAuditService audit;

    public ShiftResource(RecordingService recording, VerificationService verification, VolunteerRecordService records,
            ShiftAuditService audit) {
        this.recording = recording;
        this.verification = verification;
        this.records = records;
        this.audit = audit;
    }

    @GET
    public ShiftResponse get(@PathParam("shiftId") UUID shiftId) {
        return ShiftMapper.toResponse(records.shift(shiftId));
    }

    /** Who recorded, confirmed, verified, rejected and corrected the shift, and how, oldest first. */
    @GET
    @Path("/audit")
    @RolesAllowed(Roles.STAFF)
    public List<AuditLineResponse> audit(@PathParam("shiftId") UUID shiftId) {
        return audit.trail(shiftId).stream().map(ShiftMapper::toResponse).toList();
    }

    /** The body is optional: {@code {"at": ...}} when the phone noted the time while offline. */
    @POST
    @Path("/check-out")
    public Response checkOut(@PathParam("shiftId") UUID shiftId, @Valid CheckOutRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        return ReplyMapper.reply(Status.OK, recording.checkOut(shiftId, CheckOutRequest.toCommand(request), key),
                ShiftMapper::toResponse);
    }

    @POST
    @Path("/verify")
    public Response verify(@PathParam("shiftId") UUID shiftId, @HeaderParam(IdempotentRequests.HEADER) String key) {
        return ReplyMapper.reply(Status.OK, verification.verify(shiftId, key), ShiftMapper::toResponse);
    }

    @POST
    @Path("/reject")
    public Response reject(@PathParam("shiftId") UUID shiftId, @Valid @NotNull RejectRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        return ReplyMapper.reply(Status.OK, verification.reject(shiftId, request.toCommand(), key),
                ShiftMapper::toResponse);
    }

    @POST
    @Path("/corrections")
    public Response correct(@PathParam("shiftId") UUID shiftId, @Valid @NotNull CorrectionRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String key) {
        return ReplyMapper.reply(Status.CREATED, verification.correct(shiftId, request.toCommand(), key),
                ShiftMapper::toResponse);
    }
}
