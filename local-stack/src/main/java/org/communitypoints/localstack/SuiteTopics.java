package org.communitypoints.localstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.communitypoints.contracts.Topics;

/** The suite's topics, created before any service starts so that every topic has its partitions. */
public final class SuiteTopics {

    /**
     * Events are keyed by member, so partitions are the unit of parallelism per topic; six lets
     * several consumer instances share a topic. docker-compose's topic-init creates the same.
     */
    public static final int PARTITIONS = 6;

    private SuiteTopics() {
    }

    /** Every topic the services produce to or consume from, with its dead-letter topic. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String topic : List.of(Topics.REGISTRY, Topics.SHIFTS, Topics.REDEMPTIONS, Topics.HOLDS, Topics.NOTICES)) {
            names.add(topic);
            names.add(Topics.deadLetterOf(topic));
        }
        return List.copyOf(names);
    }

    /** Creates the topics that do not exist yet; returns how many it created. */
    public static int ensure(String bootstrapServers) throws InterruptedException {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = names().stream()
                    .filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, PARTITIONS, (short) 1))
                    .toList();
            Map<String, ? extends org.apache.kafka.common.KafkaFuture<Void>> results = admin.createTopics(missing).values();
            for (var result : results.values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic: " + e.getCause().getMessage(), e);
                    }
                }
            }
            return missing.size();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not list the broker's topics: " + e.getMessage(), e);
        }
    }
}
