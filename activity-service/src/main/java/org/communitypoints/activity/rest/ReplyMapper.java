package org.communitypoints.activity.rest;

import java.util.function.Function;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.communitypoints.platform.data.IdempotentRequests.Outcome;

/**
 * The reply to an idempotent write, one shape: a replay gets the same status and body as the first answer,
 * marked with the header {@code Idempotent-Replayed: true}.
 */
final class ReplyMapper {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private ReplyMapper() {
    }

    static <T, R> Response reply(Status status, Outcome<T> outcome, Function<T, R> toResponse) {
        Response.ResponseBuilder builder = Response.status(status).entity(toResponse.apply(outcome.value()));
        if (outcome.replayed()) {
            builder.header(REPLAYED_HEADER, "true");
        }
        return builder.build();
    }
}
