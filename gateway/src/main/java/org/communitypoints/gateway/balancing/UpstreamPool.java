package org.communitypoints.gateway.balancing;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;

import io.vertx.core.Future;

/**
 * The instances of one service. A call goes to the instance with the fewest of the proxy's calls under way (least
 * outstanding requests), the turn (round robin) deciding between equals: evenly shared while the instances keep up,
 * and fewer to one that answers slowly (a JVM just restarted and still compiling, a long pause). Not enough for a hung
 * instance: calls that wait on purpose ({@code Prefer: wait}) stay under way on a live instance about as long, so the
 * hung one keeps getting calls until they time out (gateway README, "Several instances of a service"). An instance
 * that refused a connection is left out for a while (passive
 * ejection) and tried again when the while is over; while every instance is out, all are tried anyway, in turn,
 * because a refusal then says nothing the next attempt would not find out faster.
 */
public final class UpstreamPool {

    private static final Logger LOG = Logger.getLogger(UpstreamPool.class);

    private final String service;
    private final List<Instance> instances;
    private final long ejectionNanos;
    private final LongSupplier clock;
    private final AtomicInteger next = new AtomicInteger();

    public UpstreamPool(String service, List<URI> urls, Duration ejection, LongSupplier clock) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("gateway.downstreams." + service + ".urls is empty");
        }
        this.service = service;
        this.instances = urls.stream().map(Instance::new).toList();
        this.ejectionNanos = ejection.toNanos();
        this.clock = clock;
    }

    /**
     * The instances to try for one call, in order: the one with the fewest calls under way first (the next in turn
     * among equals), then the others in turn, ejected ones only after every other.
     */
    public List<Instance> order() {
        int size = instances.size();
        int start = Math.floorMod(next.getAndIncrement(), size);
        long now = clock.getAsLong();
        List<Instance> in = new ArrayList<>(size);
        List<Instance> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Instance instance = instances.get((start + i) % size);
            (instance.ejectedAt(now) ? out : in).add(instance);
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

    /** One instance of the service, as the gateway sees it. */
    public final class Instance {
        private final URI url;
        private volatile long ejectedUntil;
        private volatile boolean ejected;
        private final AtomicInteger underWay = new AtomicInteger();

        Instance(URI url) {
            this.url = url;
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
            underWay.incrementAndGet();
            answered.onComplete(done -> underWay.decrementAndGet());
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
