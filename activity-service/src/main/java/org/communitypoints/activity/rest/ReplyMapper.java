package org.communitypoints.activity.rest;

import java.util.function.Function;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.communitypoints.platform.data.IdempotentRequests.Outcome;

/**
 * The reply to an idempotent write: the service's result mapped to its response, answered in the suite's one
 * shape ({@link Outcome#toResponse}: a replay gets the same status and body, marked
 * {@code Idempotent-Replayed: true}).
 */
final class ReplyMapper {

    private ReplyMapper() {
    }

    static <T, R> Response reply(Status status, Outcome<T> outcome, Function<T, R> toResponse) {
        return new Outcome<>(toResponse.apply(outcome.value()), outcome.replayed()).toResponse(status);
    }
}
