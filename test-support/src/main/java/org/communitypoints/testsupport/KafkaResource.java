package org.communitypoints.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker for tests: the one named by TEST_KAFKA_BOOTSTRAP_SERVERS; else, as {@link TestInfra}
 * chose, a container or an in-process KRaft broker, started once per test JVM.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped by the shutdown hook.
    }

    public static String bootstrapServers() {
        String external = System.getenv("TEST_KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (TestInfra.current() == TestInfra.CONTAINERS) {
            return Containers.kafka().getBootstrapServers();
        }
        return EmbeddedKafka.shared().bootstrapServers();
    }
}
