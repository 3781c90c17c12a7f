package org.communitypoints.platform.data;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.ProblemException;
import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes an HTTP write safe to retry under an {@code Idempotency-Key}: the first request runs and its
 * answer is stored with the key in the same transaction; a retry with the same key and body gets that
 * answer back; the same key with another body is refused with IDEMPOTENCY_KEY_REUSED. Keys are scoped
 * per operation and caller, so two grid workers cannot collide.
 *
 * <p>
 * One reply shape for the whole suite, so a client retrying after a lost answer cannot tell the replay from
 * the original except by a header: the replay gets the <em>same status and body</em> as the first answer
 * (201 stays 201, with the same Location), plus {@code Idempotent-Replayed: true}. The first answer carries
 * no such header. Build it with {@link Outcome#toResponse(Response.Status)} or
 * {@link Outcome#toResponse(Response.Status, URI)} rather than by hand:
 *
 * <pre>{@code
 * Outcome<RedemptionView> outcome = service.redeem(caller, key, request); // calls once(...) in its transaction
 * return outcome.toResponse(Status.CREATED, uri.getAbsolutePathBuilder().path(outcome.value().id()).build());
 * }</pre>
 *
 * <p>
 * A key is remembered for {@code platform.retention.idempotency-records} (30 days, never less than 7:
 * {@link BookkeepingRetention}); a request under a key forgotten by then is a new request.
 *
 * <p>
 * Use {@link #once} where a key is optional (a write that is harmless to repeat, or a legacy client) and
 * {@link #onceRequired} where a repeat would move points or seats: there a request without a key is
 * refused with 400 IDEMPOTENCY_KEY_REQUIRED before anything runs.
 */
@ApplicationScoped
public class IdempotentRequests {

    /** The request header carrying the client's key. */
    public static final String HEADER = "Idempotency-Key";
    /** The response header marking a replayed answer; present, with value {@code true}, only on a replay. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

    private final EntityManager entityManager;
    private final ObjectMapper json;

    public IdempotentRequests(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /**
     * The answer and whether it is a replay of an earlier request. Turn it into the HTTP reply with
     * {@link #toResponse}, so every service answers a replay the same way.
     */
    public record Outcome<R>(R value, boolean replayed) {

        /**
         * @param status the status of the first answer; a replay gets the same one (never 200 for a replayed 201)
         * @return {@code status} with {@link #value()} as the body, marked {@code Idempotent-Replayed: true} on a replay
         */
        public Response toResponse(Response.Status status) {
            return builder(status).build();
        }

        /**
         * As {@link #toResponse(Response.Status)}, with a Location (of the created resource): the replay names
         * the same resource the first answer named.
         */
        public Response toResponse(Response.Status status, URI location) {
            return builder(status).location(location).build();
        }

        private Response.ResponseBuilder builder(Response.Status status) {
            Response.ResponseBuilder builder = Response.status(status).entity(value);
            if (replayed) {
                builder.header(REPLAYED_HEADER, "true");
            }
            return builder;
        }
    }

    /**
     * As {@link #once}, but a request without a key is refused: for writes whose repetition would move
     * points or seats, where "the client forgot the key" must not turn a network retry into a second effect.
     *
     * @throws ProblemException 400 IDEMPOTENCY_KEY_REQUIRED, naming the {@value #HEADER} header in
     *         {@code errors}, when {@code key} is null or blank; nothing has run then
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <R> Outcome<R> onceRequired(String scope, String callerId, String key, Object request, Class<R> answerType,
            Supplier<R> action) {
        if (key == null || key.isBlank()) {
            throw keyRequired();
        }
        return once(scope, callerId, key, request, answerType, action);
    }

    /** The refusal of a request that needs an {@value #HEADER} and came without one. */
    public static ProblemException keyRequired() {
        return new ProblemException(400, "IDEMPOTENCY_KEY_REQUIRED", "Bad Request",
                "This request changes points or seats and must carry an " + HEADER
                        + " header (a new UUID per request; the same one when retrying it).",
                List.of(new Problem.FieldError(HEADER, "required"))).withArgs(HEADER);
    }

    /**
     * Runs {@code action} once per (scope, caller, key). Without a key, the action simply runs.
     *
     * @param request the request body, compared by content with the first request under the key
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <R> Outcome<R> once(String scope, String callerId, String key, Object request, Class<R> answerType,
            Supplier<R> action) {
        if (key == null) {
            return new Outcome<>(action.get(), false);
        }
        if (!VALID_KEY.matcher(key).matches()) {
            throw ProblemException.badRequest("INVALID_IDEMPOTENCY_KEY",
                    "The Idempotency-Key header must be 8 to 100 letters, digits or . _ : - (a UUID is ideal).");
        }
        String hash = hash(request);
        // Plain statements on the transaction's connection: the three below never change, and a Hibernate native query
        // parsed each one's named parameters anew on every request. The session is flushed before the claim and before
        // the answer, as the native queries did, so that the action's own failures (a constraint) surface where they
        // did, inside this call.
        Session session = entityManager.unwrap(Session.class);
        session.flush();
        // Blocks while a concurrent request with the same key is in flight, then conflicts if it committed.
        int claimed = session.doReturningWork(connection -> {
            try (PreparedStatement claim = connection.prepareStatement("""
                    insert into idempotency_record (scope, caller_id, idem_key, request_hash)
                    values (?, ?, ?, ?) on conflict do nothing""")) {
                bindKey(claim, scope, callerId, key);
                claim.setString(4, hash);
                return claim.executeUpdate();
            }
        });
        if (claimed == 1) {
            R answer = action.get();
            String body = write(answer);
            session.flush();
            session.doWork(connection -> {
                try (PreparedStatement record = connection.prepareStatement("""
                        update idempotency_record set response_body = ?
                        where scope = ? and caller_id = ? and idem_key = ?""")) {
                    record.setString(1, body);
                    record.setString(2, scope);
                    record.setString(3, callerId);
                    record.setString(4, key);
                    record.executeUpdate();
                }
            });
            return new Outcome<>(answer, false);
        }
        String[] first = session.doReturningWork(connection -> {
            try (PreparedStatement read = connection.prepareStatement("""
                    select request_hash, response_body from idempotency_record
                    where scope = ? and caller_id = ? and idem_key = ?""")) {
                bindKey(read, scope, callerId, key);
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    return new String[] { row.getString(1), row.getString(2) };
                }
            }
        });
        if (!hash.equals(first[0])) {
            throw ProblemException.unprocessable("IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was already used for a different request. Use a new key for a new request.");
        }
        return new Outcome<>(read(first[1], answerType), true);
    }

    private static void bindKey(PreparedStatement statement, String scope, String callerId, String key)
            throws SQLException {
        statement.setString(1, scope);
        statement.setString(2, callerId);
        statement.setString(3, key);
    }

    /**
     * Whether {@link #once} accepts this key (it refuses any other with INVALID_IDEMPOTENCY_KEY): for a service that
     * claims many requests' keys at once and must never claim one that a request alone would refuse.
     */
    public static boolean isWellFormedKey(String key) {
        return key != null && VALID_KEY.matcher(key).matches();
    }

    /**
     * The fingerprint {@link #once} keeps of a request under its key, and compares a retry's with: for a service that
     * claims many requests' keys at once, so that a retry through {@link #once} is answered or refused as if the first
     * request had come through it too.
     */
    public String fingerprint(Object request) {
        return hash(request);
    }

    /** An answer as {@link #once} stores it under its key (and reads it back for a retry). */
    public String storedForm(Object answer) {
        return write(answer);
    }

    private String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint request", e);
        }
    }

    private String write(Object answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store answer", e);
        }
    }

    private <R> R read(String body, Class<R> type) {
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored answer", e);
        }
    }
}
