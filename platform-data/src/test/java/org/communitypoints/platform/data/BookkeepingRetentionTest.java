package org.communitypoints.platform.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The retention job forgets what is past its window (30 days by default), batch after batch until none is left, and
 * keeps what is younger. That the database refuses any other way of forgetting, and never goes below its floors, is
 * checked as the runtime role in every service (RuntimeRoleChecks).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class BookkeepingRetentionTest {

    @Inject
    BookkeepingRetention retention;
    @Inject
    EntityManager entityManager;

    @Test
    void recordsPastTheirWindowAreForgottenInBatchesAndYoungerOnesKept() {
        String probe = "retention-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            // five marks past the window (more than two batches of two) and one within it
            for (int age : List.of(31, 32, 40, 60, 400, 20)) {
                entityManager.createNativeQuery("insert into processed_event (event_id, event_type, processed_at)"
                        + " values (:id, :type, now() - make_interval(days => :age))")
                        .setParameter("id", UUID.randomUUID()).setParameter("type", probe).setParameter("age", age)
                        .executeUpdate();
            }
            for (int age : List.of(31, 45, 29)) {
                entityManager.createNativeQuery("insert into idempotency_record (scope, caller_id, idem_key,"
                        + " request_hash, created_at) values (:scope, 'c', :key, 'h', now() - make_interval(days => :age))")
                        .setParameter("scope", probe).setParameter("key", "aged-" + age).setParameter("age", age)
                        .executeUpdate();
            }
        });

        retention.forgetOldRecords();

        assertEquals(List.of(20), QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select cast(extract(day from now() - processed_at) as integer) from processed_event where event_type = :type",
                Integer.class).setParameter("type", probe).getResultList()));
        assertEquals(List.of("aged-29"), QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select idem_key from idempotency_record where scope = :scope", String.class)
                .setParameter("scope", probe).getResultList()));
    }
}
