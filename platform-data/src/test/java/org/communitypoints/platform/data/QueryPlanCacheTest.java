package org.communitypoints.platform.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A statement run again is planned once: Hibernate's query-plan cache does not grow with every call (see
 * {@link NativeScalars}: a basic result class made one more cached plan per call, and every lookup walked them all).
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class QueryPlanCacheTest {

    static final int CALLS = 40;

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    EntityManager entityManager;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Test
    void markingPollsProcessedPlansItsStatementOnce() {
        List<Integer> marked = calledWithoutGrowingThePlans(() -> processedEvents.firstDeliveries(
                List.of(envelope(), envelope()), Function.identity()).size());

        assertEquals(2, marked.get(0), "both events are new");
    }

    @Test
    void aOneColumnNativeQueryPlansOnce() {
        UUID id = UUID.randomUUID();

        List<UUID> answers = calledWithoutGrowingThePlans(() -> NativeScalars.of(entityManager,
                "select cast(:id as uuid) as id", "id", UUID.class).setParameter("id", id.toString())
                .getSingleResult());

        assertEquals(id, answers.get(0), "the column comes back as a UUID");
    }

    /**
     * Runs the call CALLS times, each in its own transaction, and fails if the cached plans grew with them. A few may be
     * added meanwhile by the application's own work (a relay's or a consumer's statement planned for the first time).
     */
    private <T> List<T> calledWithoutGrowingThePlans(Callable<T> call) {
        QuarkusTransaction.requiringNew().call(call); // planned here, if it was not before
        int before = cachedPlans();
        List<T> answers = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            answers.add(QuarkusTransaction.requiringNew().call(call));
        }
        int grown = cachedPlans() - before;
        assertTrue(grown < 5, CALLS + " calls of one statement added " + grown + " plans to the cache");
        return answers;
    }

    private int cachedPlans() {
        return entityManagerFactory.unwrap(SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache()
                .getNumberOfCachedQueryPlans();
    }

    private static EventEnvelope envelope() {
        return new EventEnvelope(UUID.randomUUID(), "ProbeEvent", 1, Instant.now(), "c-1", "m-1",
                JsonNodeFactory.instance.objectNode());
    }
}
