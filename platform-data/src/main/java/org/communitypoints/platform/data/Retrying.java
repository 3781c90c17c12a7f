package org.communitypoints.platform.data;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.Guard;

/**
 * Runs work again after a {@linkplain TransientFailures transient} failure, pausing longer each time
 * (exponential backoff, capped), and gives up at once on a permanent one. Replaces the hand-written
 * sleep loops of the consumers and the relay, so every service backs off the same way and the numbers
 * live in configuration ({@link RetryConfig}, prefix {@code platform.retry}).
 *
 * <p>
 * The retried work must be safe to run again: a whole transaction (call {@code QuarkusTransaction.requiringNew()}
 * inside the work, never retry inside a transaction that has already failed), or an idempotent call.
 * When the attempts run out, or the failure is permanent, the last failure is thrown as it was, so the
 * caller can dead-letter it with its real reason.
 *
 * <p>
 * Built on SmallRye Fault Tolerance's programmatic {@link Guard}, so retries show up in its metrics and
 * logs like any other guard's.
 *
 * <pre>{@code
 * retrying.run(() -> QuarkusTransaction.requiringNew().run(() -> apply(event)));
 * Balance b = retrying.call(() -> QuarkusTransaction.requiringNew().call(() -> ledger.balance(id)));
 * }</pre>
 */
@Singleton
public class Retrying {

    private static final Logger LOG = Logger.getLogger(Retrying.class);

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final int maxAttempts;
    private final BooleanSupplier stillWanted;
    private final Guard guard;

    @Inject
    public Retrying(RetryConfig config) {
        this(config.initialDelay(), config.maxDelay(), config.maxAttempts(), () -> true);
    }

    private Retrying(Duration initialDelay, Duration maxDelay, int maxAttempts, BooleanSupplier stillWanted) {
        if (maxAttempts == 0 || maxAttempts < -1) {
            throw new IllegalArgumentException("maxAttempts is at least 1, or -1 for no limit: " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay");
        }
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.maxAttempts = maxAttempts;
        this.stillWanted = stillWanted;
        Predicate<Throwable> retryable = failure -> stillWanted.getAsBoolean() && TransientFailures.isTransient(failure);
        this.guard = Guard.create()
                .withDescription("platform-retry")
                .withRetry()
                // maxRetries counts the attempts after the first; -1 is SmallRye's "no limit"
                .maxRetries(maxAttempts == -1 ? -1 : maxAttempts - 1)
                .delay(initialDelay.toMillis(), ChronoUnit.MILLIS)
                // no overall deadline: the attempts and the delay cap bound the wait
                .maxDuration(0, ChronoUnit.MILLIS)
                .jitter(initialDelay.toMillis() / 4, ChronoUnit.MILLIS)
                .whenException(retryable)
                .beforeRetry((Throwable failure) -> LOG.warnf("Transient failure, trying again: %s", reason(failure)))
                .withExponentialBackoff().factor(2).maxDelay(maxDelay.toMillis(), ChronoUnit.MILLIS).done()
                .done()
                .build();
    }

    /**
     * A policy of its own, for work that must not use the shared configuration (the outbox relay retries
     * for as long as Kafka is away).
     *
     * @param maxAttempts attempts in all, the first included; -1 for no limit
     */
    public static Retrying with(Duration initialDelay, Duration maxDelay, int maxAttempts) {
        return new Retrying(initialDelay, maxDelay, maxAttempts, () -> true);
    }

    /**
     * The same policy, retrying only while {@code condition} holds: a background loop passes its
     * "still running" flag so that shutdown is not held up by a wait for a database that is gone. The
     * failure at hand is thrown once the condition turns false.
     */
    public Retrying onlyWhile(BooleanSupplier condition) {
        return new Retrying(initialDelay, maxDelay, maxAttempts, () -> stillWanted.getAsBoolean() && condition.getAsBoolean());
    }

    /** Runs {@code work}, again after each transient failure, until it succeeds or the attempts run out. */
    public void run(Runnable work) {
        guard.get(() -> {
            work.run();
            return Boolean.TRUE;
        }, Boolean.class);
    }

    /** As {@link #run}, returning what the work returned. */
    @SuppressWarnings("unchecked")
    public <T> T call(Supplier<T> work) {
        return (T) guard.get(work::get, Object.class);
    }

    public Duration initialDelay() {
        return initialDelay;
    }

    public Duration maxDelay() {
        return maxDelay;
    }

    /** Attempts in all, the first included; -1 for no limit. */
    public int maxAttempts() {
        return maxAttempts;
    }

    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
