package org.communitypoints.points.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * A poll brings records of several partitions: each partition's share is applied in a transaction of its own, side
 * by side on a few threads. The key is the resident, so the shares' residents differ and never wait for each other,
 * and each partition's records still apply in their order. Returns once every share is applied.
 */
final class PartitionShares implements AutoCloseable {

    private final ExecutorService workers;

    PartitionShares(String name, int parallel) {
        this.workers = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    void apply(ConsumerRecords<String, String> records, Consumer<List<ConsumerRecord<String, String>>> share) {
        List<List<ConsumerRecord<String, String>>> shares = new ArrayList<>();
        for (TopicPartition partition : records.partitions()) {
            shares.add(records.records(partition));
        }
        if (shares.size() <= 1) {
            shares.forEach(share);
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<ConsumerRecord<String, String>> one : shares) {
            running.add(workers.submit(() -> share.accept(one)));
        }
        RuntimeException failure = null;
        for (Future<?> one : running) {
            try {
                one.get();
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while applying a poll's shares", e);
            }
        }
        if (failure != null) {
            // only on shutdown: the shares that committed are recorded as processed, the redelivery skips them
            throw failure;
        }
    }

    @Override
    public void close() {
        workers.shutdown();
    }
}
