package org.communitypoints.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.communitypoints.embedded.PostgresServerSettings;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The servers of {@link TestInfra#CONTAINERS}: the images docker-compose.yml runs, each started on first use
 * and shared by every test of this JVM (Testcontainers removes them when the JVM exits).
 */
final class Containers {

    static final String POSTGRES_IMAGE = "postgres:17";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String KEYCLOAK_IMAGE = "quay.io/keycloak/keycloak:26.7.3";
    static final String KEYCLOAK_ADMIN = "admin";
    static final String KEYCLOAK_ADMIN_PASSWORD = "admin";

    private static PostgreSQLContainer postgres;
    private static KafkaContainer kafka;
    private static GenericContainer<?> keycloak;

    private Containers() {
    }

    static synchronized PostgreSQLContainer postgres() {
        if (postgres == null) {
            // The same server settings as the embedded PostgreSQL, passed as `postgres -c name=value`.
            List<String> command = new ArrayList<>(List.of("postgres"));
            PostgresServerSettings.serverConfig(PostgresResource.durability(), PostgresResource.MAX_CONNECTIONS)
                    .forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
            PostgreSQLContainer started = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                    .withDatabaseName("postgres")
                    .withUsername("postgres")
                    .withPassword("postgres");
            started.setCommand(command.toArray(String[]::new));
            started.start();
            postgres = started;
        }
        return postgres;
    }

    static synchronized KafkaContainer kafka() {
        if (kafka == null) {
            KafkaContainer started = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                    .withEnv("KAFKA_NUM_PARTITIONS", String.valueOf(Integer.getInteger("test.kafka.partitions", 3)))
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true");
            started.start();
            kafka = started;
        }
        return kafka;
    }

    /** Keycloak with the repository's realm imported; its admin user creates the tests' users. */
    static synchronized GenericContainer<?> keycloak() {
        if (keycloak == null) {
            GenericContainer<?> started = new GenericContainer<>(DockerImageName.parse(KEYCLOAK_IMAGE))
                    .withExposedPorts(8080)
                    .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", KEYCLOAK_ADMIN)
                    .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", KEYCLOAK_ADMIN_PASSWORD)
                    .withCopyFileToContainer(MountableFile.forClasspathResource("keycloak/community-realm.json"),
                            "/opt/keycloak/data/import/community-realm.json")
                    .withCommand("start-dev", "--import-realm")
                    .waitingFor(Wait.forHttp("/realms/community/.well-known/openid-configuration").forPort(8080)
                            .withStartupTimeout(Duration.ofMinutes(3)));
            started.start();
            keycloak = started;
        }
        return keycloak;
    }

    /** Keycloak's base URL as seen from this JVM (the issuer of its tokens is derived from it). */
    static String keycloakUrl() {
        GenericContainer<?> server = keycloak();
        return "http://" + server.getHost() + ":" + server.getMappedPort(8080);
    }
}
