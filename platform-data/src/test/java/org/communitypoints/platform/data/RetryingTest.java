package org.communitypoints.platform.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class RetryingTest {

    @Inject
    Retrying retrying;
    @Inject
    EntityManager entityManager;

    @Test
    void workThatFailsTransientlySucceedsOnALaterAttempt() {
        AtomicInteger attempts = new AtomicInteger();

        String answer = retrying.call(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new PersistenceException("could not execute statement", deadlock());
            }
            return "booked";
        });

        assertEquals("booked", answer);
        assertEquals(3, attempts.get());
    }

    @Test
    void aPermanentFailureIsThrownAtOnceAsItWas() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalArgumentException broken = new IllegalArgumentException("ShiftVerified names no memberId");

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> retrying.run(() -> {
            attempts.incrementAndGet();
            throw broken;
        }));

        assertSame(broken, thrown);
        assertEquals(1, attempts.get());
    }

    @Test
    void theConfiguredAttemptsAreTheLimitThenTheLastFailureIsThrown() {
        AtomicInteger attempts = new AtomicInteger();

        PersistenceException thrown = assertThrows(PersistenceException.class, () -> retrying.run(() -> {
            throw new PersistenceException("attempt " + attempts.incrementAndGet(), deadlock());
        }));

        assertEquals(5, retrying.maxAttempts(), "the default of platform.retry.max-attempts");
        assertEquals(5, attempts.get());
        assertEquals("attempt 5", thrown.getMessage());
    }

    @Test
    void noLimitKeepsTryingForAsLongAsTheFailureLasts() {
        Retrying forever = Retrying.with(Duration.ofMillis(1), Duration.ofMillis(2), -1);
        AtomicInteger attempts = new AtomicInteger();

        forever.run(() -> {
            if (attempts.incrementAndGet() < 30) {
                throw new RuntimeException(deadlock());
            }
        });

        assertEquals(30, attempts.get(), "well past SmallRye's default of 3 retries");
    }

    @Test
    void aLoopThatStopsStopsRetrying() {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger attempts = new AtomicInteger();
        Retrying untilShutdown = Retrying.with(Duration.ofMillis(1), Duration.ofMillis(2), -1).onlyWhile(running::get);

        assertThrows(RuntimeException.class, () -> untilShutdown.run(() -> {
            if (attempts.incrementAndGet() == 3) {
                running.set(false);
            }
            throw new RuntimeException(deadlock());
        }));

        assertEquals(3, attempts.get());
    }

    @Test
    void theDelaysGrowFromTheInitialDelayUpToTheCap() {
        Retrying slow = Retrying.with(Duration.ofMillis(100), Duration.ofMillis(200), 4);
        AtomicInteger attempts = new AtomicInteger();
        long started = System.nanoTime();

        assertThrows(RuntimeException.class, () -> slow.run(() -> {
            attempts.incrementAndGet();
            throw new RuntimeException(deadlock());
        }));

        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        // 100 + 200 + 200 (capped), less at most 25 ms jitter each
        assertEquals(4, attempts.get());
        assertTrue(elapsedMillis >= 425, "waited " + elapsedMillis + " ms");
    }

    @Test
    void aRealStatementTimeoutIsRetriedAndARealUniqueViolationIsNot() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = retrying.call(() -> QuarkusTransaction.requiringNew().call(() -> {
            if (attempts.incrementAndGet() == 1) {
                entityManager.createNativeQuery("set local statement_timeout = '50ms'").executeUpdate();
                entityManager.createNativeQuery("select pg_sleep(1)").getSingleResult(); // cancelled by the server
            }
            return "read";
        }));
        assertEquals("read", answer);
        assertEquals(2, attempts.get());

        AtomicInteger duplicates = new AtomicInteger();
        assertThrows(RuntimeException.class, () -> retrying.run(() -> QuarkusTransaction.requiringNew().run(() -> {
            duplicates.incrementAndGet();
            UUID eventId = UUID.randomUUID();
            entityManager.createNativeQuery(
                    "insert into processed_event (event_id, event_type) values (:id, 'Probe'), (:id, 'Probe')")
                    .setParameter("id", eventId).executeUpdate();
        })));
        assertEquals(1, duplicates.get());
    }

    @Test
    void aRealTransactionTimeoutIsTransientWhetherItCancelsAStatementOrTheCommit() {
        RuntimeException cancelledStatement = assertThrows(RuntimeException.class,
                () -> QuarkusTransaction.requiringNew().timeout(1).run(() -> {
                    // Outlives the one-second transaction timeout on the server: the reaper cancels the statement.
                    entityManager.createNativeQuery("select pg_sleep(2)").getSingleResult();
                }));
        RuntimeException rolledBackCommit = assertThrows(RuntimeException.class,
                () -> QuarkusTransaction.requiringNew().timeout(1).run(() -> {
                    entityManager.createNativeQuery("select 1").getSingleResult();
                    pauseMillis(2000); // outlives the transaction timeout between statements: the commit finds it aborted
                }));

        assertTrue(TransientFailures.isTransient(cancelledStatement), () -> chain(cancelledStatement));
        assertTrue(TransientFailures.isTransient(rolledBackCommit), () -> chain(rolledBackCommit));
    }

    private static void pauseMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(" <- ").append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    private static PSQLException deadlock() {
        return new PSQLException(new ServerErrorMessage("SERROR\0C40P01\0Mdeadlock detected\0"));
    }
}
