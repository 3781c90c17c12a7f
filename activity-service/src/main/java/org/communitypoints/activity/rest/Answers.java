package org.communitypoints.activity.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.communitypoints.platform.data.IdempotentRequests.Outcome;

/** Answers of idempotent writes: a replay gets the first answer and status, marked with a header. */
final class Answers {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private Answers() {
    }

    static Response of(Status status, Outcome<?> outcome) {
        Response.ResponseBuilder builder = Response.status(status).entity(outcome.value());
        if (outcome.replayed()) {
            builder.header(REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
