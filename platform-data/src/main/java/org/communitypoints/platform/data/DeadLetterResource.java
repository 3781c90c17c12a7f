package org.communitypoints.platform.data;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.ProblemException;

/**
 * Dead letters of this service, for an operator: {@code /dead-letters} under the service's
 * {@code quarkus.rest.path} (through the gateway {@code /api/<service>/dead-letters}), role
 * {@value Operators#ROLE} only. Shipped by platform-data, so every data service has it without a line of its own.
 *
 * <ul>
 * <li>{@code GET /dead-letters?topic=&state=&limit=&after=}: a page in id order; {@code nextAfter} continues it</li>
 * <li>{@code GET /dead-letters/{id}}</li>
 * <li>{@code POST /dead-letters/{id}/redrive}: publishes the record again to its topic; a repeat publishes nothing
 * and answers the row with {@code Idempotent-Replayed: true}</li>
 * <li>{@code POST /dead-letters/redrive?topic=}: every WAITING dead letter of the topic</li>
 * </ul>
 * Every re-drive records who and when on the row ({@code redrivenBy}, {@code redrivenAt}) and in the log.
 */
@Path("/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Operators.ROLE)
public class DeadLetterResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;

    private final DeadLetters deadLetters;
    private final Caller caller;

    public DeadLetterResource(DeadLetters deadLetters, Caller caller) {
        this.deadLetters = deadLetters;
        this.caller = caller;
    }

    /** A page of dead letters; pass {@code nextAfter} as {@code after} for the next one. */
    public record DeadLetterPage(List<DeadLetter> items, long nextAfter) {
    }

    /** What a re-drive of a topic did: the dead letters it re-drove, in id order. */
    public record TopicRedrive(String topic, int redriven, List<DeadLetter> items) {
    }

    @GET
    public DeadLetterPage list(@QueryParam("topic") String topic, @QueryParam("state") String state,
            @QueryParam("limit") String limit, @QueryParam("after") String after) {
        DeadLetters.Page page = deadLetters.list(blankToNull(topic), state(state), after(after), limit(limit));
        return new DeadLetterPage(page.items(), page.nextAfter());
    }

    @GET
    @Path("/{id}")
    public DeadLetter get(@PathParam("id") String id) {
        return deadLetters.find(id(id)).orElseThrow(DeadLetterResource::notFound);
    }

    @POST
    @Path("/{id}/redrive")
    public Response redrive(@PathParam("id") String id) {
        DeadLetters.Redrive redrive = deadLetters.redrive(id(id), caller.id()).orElseThrow(DeadLetterResource::notFound);
        Response.ResponseBuilder answer = Response.ok(redrive.letter());
        if (redrive.alreadyRedriven()) {
            answer.header(IdempotentRequests.REPLAYED_HEADER, "true");
        }
        return answer.build();
    }

    @POST
    @Path("/redrive")
    public TopicRedrive redriveTopic(@QueryParam("topic") String topic) {
        if (blankToNull(topic) == null) {
            throw invalid("TOPIC_REQUIRED", "topic", "required",
                    "Name the topic whose waiting dead letters to re-drive: ?topic=<topic>.");
        }
        List<DeadLetter> redriven = deadLetters.redriveAll(topic.trim(), caller.id());
        return new TopicRedrive(topic.trim(), redriven.size(), redriven);
    }

    private static DeadLetter.State state(String state) {
        if (blankToNull(state) == null) {
            return null;
        }
        try {
            return DeadLetter.State.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("INVALID_STATE", "state", "must be WAITING or REDRIVEN",
                    "state must be WAITING or REDRIVEN, or absent for both.");
        }
    }

    private static int limit(String limit) {
        if (blankToNull(limit) == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return ExportCursor.pageSize(Integer.valueOf(limit.trim()), DEFAULT_LIMIT, MAX_LIMIT);
        } catch (NumberFormatException e) {
            return ExportCursor.pageSize(0, DEFAULT_LIMIT, MAX_LIMIT); // not a number: the same 400 as out of range
        }
    }

    private static long after(String after) {
        if (blankToNull(after) == null) {
            return 0;
        }
        try {
            long id = Long.parseLong(after.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid("INVALID_CURSOR", "after", "not a nextAfter of this list",
                "after must be the nextAfter of a previous page, or absent to start from the beginning.");
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw notFound();
        }
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("DEAD_LETTER_NOT_FOUND", "There is no dead letter with this id.");
    }

    private static ProblemException invalid(String code, String parameter, String problem, String detail) {
        return new ProblemException(400, code, "Bad Request", detail, List.of(new Problem.FieldError(parameter, problem)));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
