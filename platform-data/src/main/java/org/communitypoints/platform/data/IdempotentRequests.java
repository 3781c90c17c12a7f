package org.communitypoints.platform.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.communitypoints.platform.web.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes an HTTP write safe to retry under an {@code Idempotency-Key}: the first request runs and its
 * answer is stored with the key in the same transaction; a retry with the same key and body gets that
 * answer back; the same key with another body is refused with IDEMPOTENCY_KEY_REUSED. Keys are scoped
 * per operation and caller, so two grid workers cannot collide.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

    private final EntityManager entityManager;
    private final ObjectMapper json;

    public IdempotentRequests(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /** The answer and whether it is a replay of an earlier request. */
    public record Outcome<R>(R value, boolean replayed) {
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
        // Blocks while a concurrent request with the same key is in flight, then conflicts if it committed.
        int claimed = entityManager.createNativeQuery("""
                insert into idempotency_record (scope, caller_id, idem_key, request_hash)
                values (:scope, :caller, :key, :hash) on conflict do nothing""")
                .setParameter("scope", scope).setParameter("caller", callerId)
                .setParameter("key", key).setParameter("hash", hash)
                .executeUpdate();
        if (claimed == 1) {
            R answer = action.get();
            entityManager.createNativeQuery("""
                    update idempotency_record set response_body = :body
                    where scope = :scope and caller_id = :caller and idem_key = :key""")
                    .setParameter("body", write(answer))
                    .setParameter("scope", scope).setParameter("caller", callerId).setParameter("key", key)
                    .executeUpdate();
            return new Outcome<>(answer, false);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select request_hash, response_body from idempotency_record
                where scope = :scope and caller_id = :caller and idem_key = :key""")
                .setParameter("scope", scope).setParameter("caller", callerId).setParameter("key", key)
                .getResultList();
        Object[] first = rows.get(0);
        if (!hash.equals(first[0])) {
            throw ProblemException.unprocessable("IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was already used for a different request. Use a new key for a new request.");
        }
        return new Outcome<>(read((String) first[1], answerType), true);
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
