package org.communitypoints.platform.data;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.security.PermitAll;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/** Exists only in these tests: an idempotent write answered the one way every service answers it. */
@Path("/idempotent")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class IdempotentEchoResource {

    static final AtomicInteger RUNS = new AtomicInteger();

    private final IdempotentRequests idempotentRequests;

    public IdempotentEchoResource(IdempotentRequests idempotentRequests) {
        this.idempotentRequests = idempotentRequests;
    }

    public record Booking(String name, int seats) {
    }

    public record Booked(String id, String name, int run) {
    }

    @POST
    @Path("/optional")
    @Transactional
    public Response optional(@HeaderParam(IdempotentRequests.HEADER) String key, Booking booking) {
        return idempotentRequests.once("test-booking", "grid-wang", key, booking, Booked.class, () -> book(booking))
                .toResponse(Status.CREATED, URI.create("/idempotent/bookings/" + booking.name()));
    }

    @POST
    @Path("/required")
    @Transactional
    public Response required(@HeaderParam(IdempotentRequests.HEADER) String key, Booking booking) {
        return idempotentRequests
                .onceRequired("test-booking", "grid-wang", key, booking, Booked.class, () -> book(booking))
                .toResponse(Status.OK);
    }

    private static Booked book(Booking booking) {
        return new Booked("booking-" + booking.name(), booking.name(), RUNS.incrementAndGet());
    }
}
