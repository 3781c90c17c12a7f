package org.communitypoints.gateway.balancing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.communitypoints.gateway.resilience.InstanceDidNotAnswer;
import org.junit.jupiter.api.Test;

import io.vertx.core.Promise;

/**
 * How the pool judges a silent instance, on a clock the test moves: suspect only while another instance answers,
 * one call at a time while suspect, and back as soon as it answers.
 */
class UpstreamPoolTest {

    private static final Duration STALLED_AFTER = Duration.ofSeconds(2);
    private static final TimeoutException TIMED_OUT = new TimeoutException("no answer by the deadline");

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final UpstreamPool pool = new UpstreamPool("catalog",
            List.of(URI.create("http://a:8083"), URI.create("http://b:8083")), Duration.ofSeconds(5), STALLED_AFTER,
            now::get);
    private final UpstreamPool.Instance a = pool.instances().get(0);
    private final UpstreamPool.Instance b = pool.instances().get(1);

    @Test
    void anInstanceSilentWhileAnotherAnswersGoesLastAndGetsOneCallAtATimeUntilItAnswers() {
        Promise<Void> first = call(a);
        Promise<Void> second = call(a);
        later(Duration.ofMillis(2_100));
        call(b).complete();
        call(b);

        // a: 2 calls under way and silent for 2.1 s; b: 1 and answering.
        assertEquals(List.of(b, a), pool.order());
        assertEquals(List.of(b, a), pool.order(), "whichever's turn it is");

        // Its calls end without an answer (the idle timeout): it gets the next call, and only that one.
        first.fail("idle timeout");
        second.fail("idle timeout");
        assertEquals(a, pool.order().get(0), "a suspect with no call under way gets the next (0 against 1)");
        Promise<Void> probe = call(a);
        call(b);
        assertEquals(List.of(b, a), pool.order(), "a suspect with its one call under way gets no other (1 against 2)");
        assertEquals(List.of(b, a), pool.order());

        probe.complete();
        call(a);
        assertEquals(a, pool.order().get(0), "answering again, it is no longer suspect: by calls under way (1 against 2)");
    }

    @Test
    void anInstanceSilentWhileNoOtherAnswersIsNotSuspect() {
        call(a);
        call(b);
        call(b);
        later(Duration.ofSeconds(3));

        // Both silent: the service is slow (its database), not one instance. The order stays by calls under way.
        assertEquals(a, pool.order().get(0));
        assertEquals(a, pool.order().get(0));
        assertFalse(pool.judged(a, now.get() - Duration.ofSeconds(3).toNanos(), TIMED_OUT) instanceof InstanceDidNotAnswer);
    }

    @Test
    void aTimedOutCallIsTheInstancesFailureOnlyIfItAnsweredNothingSinceAndAnotherDid() {
        long sent = now.get();
        call(a);
        later(Duration.ofMillis(100));
        call(b).complete();
        later(Duration.ofSeconds(10));

        assertTrue(pool.judged(a, sent, TIMED_OUT) instanceof InstanceDidNotAnswer);
        IOException reset = new IOException("Connection reset by peer");
        assertSame(reset, pool.judged(a, sent, reset), "only a timeout is judged the instance's");

        // An instance that answered after the call was sent is alive: its timeout is the service's (overloaded).
        call(a).complete();
        assertFalse(pool.judged(a, sent, TIMED_OUT) instanceof InstanceDidNotAnswer);
    }

    @Test
    void anInstanceBusyForLessThanStalledAfterIsNotSuspect() {
        call(a);
        later(Duration.ofMillis(1_900));
        call(b).complete();

        assertEquals(b, pool.order().get(0), "fewer calls under way");
        call(b);
        call(b);
        assertEquals(a, pool.order().get(0), "by calls under way (1 against 2), not left out");
    }

    /** A call sent to the instance, under way until the test completes (an answer) or fails it. */
    private static Promise<Void> call(UpstreamPool.Instance instance) {
        Promise<Void> answer = Promise.promise();
        instance.callUnderWay(answer.future());
        return answer;
    }

    private void later(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
