package org.communitypoints.gateway.balancing;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.communitypoints.gateway.resilience.DownstreamGuards;
import org.communitypoints.gateway.resilience.InstanceDidNotAnswer;
import org.jboss.logging.Logger;

import io.vertx.core.Future;

/**
 * The instances of one service. A call goes to the instance with the fewest of the proxy's calls under way (least
 * outstanding requests), the turn (round robin) deciding between equals: evenly shared while the instances keep up,
 * and fewer to one that answers slowly (a JVM just restarted and still compiling, a long pause).
 * <p>
 * Two kinds of instance are left for last:
 * <ul>
 * <li>one that refused a connection, for a while (passive ejection), then tried again;</li>
 * <li>one that has answered nothing for {@code stalledAfter} while calls to it were under way and another instance
 * answered (a hung process: the kernel still takes its connections, nothing answers them). The count of calls under
 * way alone does not see it: calls that wait on purpose ({@code Prefer: wait}) stay under way on a live instance
 * about as long. Such an instance is suspect until it answers again, and meanwhile gets one call at a time, which
 * finds out when it does.</li>
 * </ul>
 * While every instance is left out, all are tried anyway, in turn, because a refusal then says nothing the next
 * attempt would not find out faster.
 */
public final class UpstreamPool {

    private static final Logger LOG = Logger.getLogger(UpstreamPool.class);

    private final String service;
    private final List<Instance> instances;
    private final long ejectionNanos;
    private final long stalledAfterNanos;
    private final LongSupplier clock;
    private final AtomicInteger next = new AtomicInteger();

    public UpstreamPool(String service, List<URI> urls, Duration ejection, Duration stalledAfter, LongSupplier clock) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("gateway.downstreams." + service + ".urls is empty");
        }
        this.service = service;
        this.ejectionNanos = ejection.toNanos();
        this.stalledAfterNanos = stalledAfter.toNanos();
        this.clock = clock;
        // Last: an instance reads the clock when made.
        this.instances = urls.stream().map(Instance::new).toList();
    }

    /**
     * The instances to try for one call, in order: the one with the fewest calls under way first (the next in turn
     * among equals), then the others in turn, ejected and suspect ones only after every other.
     */
    public List<Instance> order() {
        int size = instances.size();
        int start = Math.floorMod(next.getAndIncrement(), size);
        long now = clock.getAsLong();
        List<Instance> in = new ArrayList<>(size);
        List<Instance> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Instance instance = instances.get((start + i) % size);
            (instance.ejectedAt(now) || instance.leftOutAsSuspect(now) ? out : in).add(instance);
        }
        int least = 0;
        for (int i = 1; i < in.size(); i++) {
            if (in.get(i).underWay() < in.get(least).underWay()) {
                least = i;
            }
        }
        if (least > 0) {
            in.add(0, in.remove(least));
        }
        in.addAll(out);
        return in;
    }

    public List<Instance> instances() {
        return instances;
    }

    /**
     * Runs a call on the first instance of {@code order} that takes the connection. Only a refused connection moves
     * on to the next instance: nothing of the call has left yet, so any call, a POST included, can go elsewhere. A
     * refusal leaves the instance out of the turn for a while, a connection brings it back. A failure after that (a
     * reset, a timeout) is the caller's to judge, never retried here.
     */
    public static <T> Future<T> onFirstTaking(List<Instance> order, Function<Instance, Future<T>> call) {
        return onFirstTaking(order, 0, call);
    }

    private static <T> Future<T> onFirstTaking(List<Instance> order, int at, Function<Instance, Future<T>> call) {
        Instance instance = order.get(at);
        // onSuccess/onFailure hand back the same future: the last (or only) instance's call is the caller's own,
        // with no step of ours between the caller and the connection.
        Future<T> attempt = call.apply(instance)
                .onSuccess(connected -> instance.connected())
                .onFailure(failure -> {
                    if (failure instanceof ConnectException) {
                        instance.refused(failure);
                    }
                });
        if (at + 1 >= order.size()) {
            return attempt;
        }
        return attempt.recover(failure -> failure instanceof ConnectException
                ? onFirstTaking(order, at + 1, call)
                : Future.failedFuture(failure));
    }

    /** The pool's clock, for {@link #judged}'s {@code sentAt}. */
    public long now() {
        return clock.getAsLong();
    }

    /**
     * What a failed call to {@code instance}, sent at {@code sentAt} ({@link #now}), says: a timeout from an instance
     * that has answered nothing since, while another instance of the service answered, is that instance's failure
     * ({@link InstanceDidNotAnswer}, which the service's breaker does not count) and makes it suspect. Anything else
     * is returned as it is: a service whose every instance is silent (its database hung) fails as a whole.
     */
    public Throwable judged(Instance instance, long sentAt, Throwable failure) {
        Throwable cause = DownstreamGuards.unwrap(failure);
        if (!DownstreamGuards.isTimeout(cause) || instance.answeredSince(sentAt)
                || !anotherAnsweredSince(instance, sentAt)) {
            return failure;
        }
        instance.suspect("a call sent " + Duration.ofNanos(now() - sentAt).toMillis() + " ms ago got no answer");
        return new InstanceDidNotAnswer(cause);
    }

    private boolean anotherAnsweredSince(Instance instance, long since) {
        for (Instance other : instances) {
            if (other != instance && other.answeredSince(since)) {
                return true;
            }
        }
        return false;
    }

    /** One instance of the service, as the gateway sees it. */
    public final class Instance {
        private final URI url;
        private volatile long ejectedUntil;
        private volatile boolean ejected;
        private final AtomicInteger underWay = new AtomicInteger();
        /** When its latest answer arrived. */
        private volatile long lastAnswer;
        /** When its calls under way last went from none to one. */
        private volatile long busySince;
        private final AtomicBoolean suspect = new AtomicBoolean();

        Instance(URI url) {
            this.url = url;
            this.lastAnswer = clock.getAsLong();
            this.busySince = lastAnswer;
        }

        public URI url() {
            return url;
        }

        /** It refused a connection: leave it out of the turn for the ejection time. */
        public void refused(Throwable failure) {
            ejectedUntil = clock.getAsLong() + ejectionNanos;
            if (!ejected) {
                ejected = true;
                LOG.warnf("%s instance %s refused a connection (%s): left out for %d s", service, url,
                        failure.getMessage(), Duration.ofNanos(ejectionNanos).toSeconds());
            }
        }

        /** It took a connection: back in the turn at once. */
        public void connected() {
            if (ejected) {
                ejected = false;
                ejectedUntil = 0;
                LOG.infof("%s instance %s is back", service, url);
            }
        }

        /**
         * A call was sent to this instance: it counts as under way until its answer arrives or the call fails (the
         * future of the answer's head, which Vert.x completes or fails for every request it sent: a reset, a closed
         * connection and the idle timeout fail it).
         */
        public void callUnderWay(Future<?> answered) {
            if (underWay.getAndIncrement() == 0) {
                busySince = clock.getAsLong();
            }
            answered.onComplete(done -> {
                if (done.succeeded()) {
                    answered();
                }
                underWay.decrementAndGet();
            });
        }

        private void answered() {
            lastAnswer = clock.getAsLong();
            if (suspect.compareAndSet(true, false)) {
                LOG.infof("%s instance %s answers again", service, url);
            }
        }

        boolean answeredSince(long since) {
            return lastAnswer - since > 0;
        }

        void suspect(String why) {
            if (suspect.compareAndSet(false, true)) {
                LOG.warnf("%s instance %s answers nothing while another instance does (%s): one call at a time until it"
                        + " answers", service, url, why);
            }
        }

        /**
         * Left for last: suspect (a hung process) and with a call under way already, the one that finds out whether
         * it answers again. An instance silent for {@code stalledAfter} with calls under way, while another answered
         * in that time, becomes suspect here, without waiting for those calls to time out.
         */
        boolean leftOutAsSuspect(long now) {
            int calls = underWay.get();
            if (calls == 0) {
                return false;
            }
            if (!suspect.get()) {
                long answer = lastAnswer;
                long busy = busySince;
                long silentSince = answer - busy > 0 ? answer : busy;
                if (now - silentSince < stalledAfterNanos || !anotherAnsweredSince(this, now - stalledAfterNanos)) {
                    return false;
                }
                suspect("no answer for " + Duration.ofNanos(now - silentSince).toMillis() + " ms with " + calls
                        + " calls under way");
            }
            return true;
        }

        /** The proxy's calls to this instance whose answer has not arrived yet. */
        public int underWay() {
            return underWay.get();
        }

        boolean ejectedAt(long now) {
            return ejected && now - ejectedUntil < 0;
        }

        @Override
        public String toString() {
            return service + "@" + url;
        }
    }
}
