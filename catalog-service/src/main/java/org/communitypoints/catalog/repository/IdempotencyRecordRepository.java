package org.communitypoints.catalog.repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.Session;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * platform-data's {@code idempotency_record} table written for many requests at once: the claim and the answer of a
 * batch of redemption requests each in one statement, with the rows exactly as platform-data's IdempotentRequests
 * writes them one request at a time (so that a retry through it replays or refuses them). Plain statements on the
 * transaction's connection, as IdempotentRequests uses.
 */
@ApplicationScoped
public class IdempotencyRecordRepository {

    /** One request's key: its scope's caller and the key they sent. */
    public record Key(String callerId, String key) {
    }

    /** A key with the fingerprint of the request it stands for. */
    public record Claim(Key key, String requestHash) {
    }

    /** The answer stored under a claimed key, in IdempotentRequests' JSON form. */
    public record Answer(Key key, String body) {
    }

    private static final String SAVEPOINT = "before_claims";

    /**
     * Claims the keys that nobody claimed before. A key a committed request holds is not claimed; one an uncommitted
     * request holds makes this wait for that request's transaction, as a claim of one key does.
     *
     * @return the keys claimed now
     */
    public Set<Key> claim(String scope, List<Claim> claims) {
        if (claims.isEmpty()) {
            return Set.of();
        }
        return session().doReturningWork(connection -> {
            try (PreparedStatement claim = connection.prepareStatement("""
                    insert into idempotency_record (scope, caller_id, idem_key, request_hash)
                    select ?, c.caller_id, c.idem_key, c.request_hash
                    from unnest(?::text[], ?::text[], ?::text[]) c(caller_id, idem_key, request_hash)
                    on conflict do nothing
                    returning caller_id, idem_key""")) {
                claim.setString(1, scope);
                claim.setArray(2, connection.createArrayOf("text", claims.stream().map(c -> c.key().callerId()).toArray()));
                claim.setArray(3, connection.createArrayOf("text", claims.stream().map(c -> c.key().key()).toArray()));
                claim.setArray(4, connection.createArrayOf("text", claims.stream().map(Claim::requestHash).toArray()));
                Set<Key> claimed = new HashSet<>();
                try (ResultSet rows = claim.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(new Key(rows.getString(1), rows.getString(2)));
                    }
                }
                return claimed;
            }
        });
    }

    /** Stores the answers under their claimed keys. */
    public void answer(String scope, List<Answer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        session().doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update idempotency_record i set response_body = a.body
                    from unnest(?::text[], ?::text[], ?::text[]) a(caller_id, idem_key, body)
                    where i.scope = ? and i.caller_id = a.caller_id and i.idem_key = a.idem_key""")) {
                update.setArray(1, connection.createArrayOf("text", answers.stream().map(a -> a.key().callerId()).toArray()));
                update.setArray(2, connection.createArrayOf("text", answers.stream().map(a -> a.key().key()).toArray()));
                update.setArray(3, connection.createArrayOf("text", answers.stream().map(Answer::body).toArray()));
                update.setString(4, scope);
                update.executeUpdate();
            }
        });
    }

    /**
     * Marks the transaction's state before a batch's claims and reservations, so that they can be undone without
     * undoing the rest: the runtime role may not delete a claimed key (only platform-data's retention does), so a
     * request refused after its key was claimed is taken back by returning here.
     */
    public void markBeforeClaims() {
        execute("savepoint " + SAVEPOINT);
    }

    /** Undoes everything since {@link #markBeforeClaims}: the claims, and the seats, meals and stock taken. */
    public void undoSinceMark() {
        execute("rollback to savepoint " + SAVEPOINT);
        execute("release savepoint " + SAVEPOINT);
    }

    private void execute(String sql) {
        session().doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
    }

    private Session session() {
        return Panache.getEntityManager().unwrap(Session.class);
    }
}
