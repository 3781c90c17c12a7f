package org.communitypoints.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.communitypoints.embedded.KraftBroker;
import org.communitypoints.embedded.PostgresServerSettings.Durability;
import org.communitypoints.embedded.ServiceRoles;

/**
 * What the services need before they start: PostgreSQL, a Kafka broker with the suite's topics and
 * the OIDC provider. The three start in parallel; the database gets each service's owner and runtime
 * roles ({@link ServiceRoles}, named by the environment the services also read). Closing stops the broker, the provider and
 * then
 * the database. The embedded PostgreSQL and the in-process broker can also be stopped and started
 * again alone while the services run (a fault to recover from): same data directory, same ports, so
 * the services' connection strings stay valid and they reconnect by themselves.
 */
public final class Infrastructure implements AutoCloseable {

    /** Set (to anything but "false") for a demo whose data may be lost in a crash: PostgreSQL skips its disk flushes. */
    public static final String FAST_UNSAFE_VARIABLE = "LOCAL_STACK_FAST_UNSAFE";
    /** The same as a system property; the launcher sets it for the --fast-unsafe argument. */
    public static final String FAST_UNSAFE_PROPERTY = "localstack.fast-unsafe";

    private volatile Database database;
    private volatile KraftBroker broker;
    private volatile String kafkaBootstrapServers;
    private volatile IdentityProvider identityProvider;
    private final StackSettings settings;
    /** The port the embedded PostgreSQL got at its first start, kept for every start after a stop. */
    private volatile int postgresPort;
    private volatile Durability durability;
    private volatile boolean postgresStopped;
    private volatile boolean kafkaStopped;

    private Infrastructure(StackSettings settings) {
        this.settings = settings;
    }

    public static Infrastructure start(StackSettings settings, Progress progress) throws IOException {
        Files.createDirectories(settings.logDir());
        Infrastructure infrastructure = new Infrastructure(settings);
        // Own threads: on 2 cores the common pool has a single worker and would start them one by one.
        ExecutorService starters = Executors.newFixedThreadPool(3);
        try {
            CompletableFuture<Void> database = CompletableFuture
                    .runAsync(() -> infrastructure.startDatabase(settings, progress), starters);
            CompletableFuture<Void> kafka = CompletableFuture.runAsync(
                    () -> infrastructure.startKafkaAndTopics(settings, progress),
                    starters);
            CompletableFuture<Void> oidc = CompletableFuture.runAsync(() -> infrastructure.startOidc(settings, progress),
                    starters);
            CompletableFuture.allOf(database, kafka, oidc).join();
            return infrastructure;
        } catch (CompletionException e) {
            infrastructure.close();
            Throwable cause = e.getCause();
            throw new IOException(cause.getMessage(), cause instanceof StartFailure ? cause.getCause() : cause);
        } finally {
            starters.shutdown();
        }
    }

    public Database database() {
        return database;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public IdentityProvider identityProvider() {
        return identityProvider;
    }

    /** True when PostgreSQL is the embedded one, which {@link #stopPostgres()} and {@link #startPostgres()} control. */
    public boolean isPostgresEmbedded() {
        return database != null && database.isEmbedded();
    }

    /** True when Kafka is the in-process broker, which {@link #stopKafka()} and {@link #startKafka()} control. */
    public boolean isKafkaEmbedded() {
        return settings.externalKafka() == null;
    }

    public boolean isPostgresStopped() {
        return postgresStopped;
    }

    public boolean isKafkaStopped() {
        return kafkaStopped;
    }

    /** The port PostgreSQL listens on (kept across a stop and a start). */
    public int postgresPort() {
        return postgresPort;
    }

    /** The postmaster's process id, from its postmaster.pid; empty when it is stopped or external. */
    public java.util.OptionalLong postgresPid() {
        if (!isPostgresEmbedded() || postgresStopped) {
            return java.util.OptionalLong.empty();
        }
        try {
            java.util.List<String> lines = Files.readAllLines(settings.postgresDir().resolve("postmaster.pid"));
            return lines.isEmpty() ? java.util.OptionalLong.empty()
                    : java.util.OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /**
     * Stops the embedded PostgreSQL alone (a fast shutdown: open connections are cut, as in a crash of the
     * database host as the services see it), keeping its data directory. Does nothing if it is stopped.
     */
    public synchronized void stopPostgres() throws IOException {
        requireEmbeddedPostgres();
        if (postgresStopped) {
            return;
        }
        database.close();
        postgresStopped = true;
    }

    /** Starts the embedded PostgreSQL again on its data directory and its port. Does nothing if it runs. */
    public synchronized void startPostgres() throws IOException {
        requireEmbeddedPostgres();
        if (!postgresStopped) {
            return;
        }
        database = Database.embedded(settings.postgresDir(), postgresPort, settings.logDir().resolve("postgres.log"),
                durability, settings.postgresSharedBuffers());
        postgresStopped = false;
    }

    /** Stops the in-process broker alone, keeping its storage (topics, records, offsets) and its ports. */
    public synchronized void stopKafka() {
        requireEmbeddedKafka();
        if (kafkaStopped) {
            return;
        }
        broker.close();
        kafkaStopped = true;
    }

    /** Starts the in-process broker again on its storage, with the ports it was formatted with. */
    public synchronized void startKafka() throws IOException {
        requireEmbeddedKafka();
        if (!kafkaStopped) {
            return;
        }
        broker = KraftBroker.start(settings.kafkaDir(), settings.kafkaPort(), settings.kafkaControllerPort(),
                SuiteTopics.PARTITIONS);
        kafkaStopped = false;
    }

    private void requireEmbeddedPostgres() {
        if (!isPostgresEmbedded()) {
            throw new IllegalStateException("PostgreSQL is external (POSTGRES_URL): the local stack does not control it");
        }
    }

    private void requireEmbeddedKafka() {
        if (!isKafkaEmbedded() || broker == null) {
            throw new IllegalStateException("Kafka is external (KAFKA_BOOTSTRAP_SERVERS): the local stack does not control it");
        }
    }

    @Override
    public synchronized void close() {
        if (broker != null && !kafkaStopped) {
            broker.close();
        }
        if (identityProvider != null) {
            identityProvider.close();
        }
        if (database != null && !postgresStopped) {
            try {
                database.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    private void startDatabase(StackSettings settings, Progress progress) {
        try {
            StackSettings.ExternalPostgres external = settings.externalPostgres();
            if (external != null) {
                database = Database.external(external.jdbcUrl(), external.user(), external.password());
                progress.step("PostgreSQL: using " + external.jdbcUrl() + " (POSTGRES_URL)");
            } else {
                boolean existing = Files.exists(settings.postgresDir().resolve("PG_VERSION"));
                durability = durability(System.getProperty(FAST_UNSAFE_PROPERTY), System.getenv(FAST_UNSAFE_VARIABLE));
                progress.step("PostgreSQL 17: starting on localhost:" + settings.postgresPort()
                        + (existing ? " with the data of the last run" : " (first start: initialising the data directory)")
                        + (durability == Durability.DURABLE ? ""
                                : "; --fast-unsafe: no disk flushes, a crash may lose or corrupt the data"));
                database = Database.embedded(settings.postgresDir(), settings.postgresPort(),
                        settings.logDir().resolve("postgres.log"), durability, settings.postgresSharedBuffers());
                postgresPort = database.port();
                progress.step("PostgreSQL 17: ready, database " + Database.NAME + " (data in " + settings.postgresDir()
                        + ", buffer cache up to " + settings.postgresSharedBuffers() + ")");
            }
            createServiceRoles(ServiceRoles.allFromEnvironment(System.getenv()), progress);
        } catch (IOException e) {
            throw new StartFailure("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Each service's schema owner and runtime role, before any service migrates: the services connect as them, never
     * as the superuser the stack itself uses. Run at every start (it is idempotent): it resets the passwords to the
     * environment's and takes back the tables of a data directory migrated by the superuser before roles existed.
     */
    private void createServiceRoles(List<ServiceRoles> roles, Progress progress) {
        try (Connection superuser = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            for (ServiceRoles service : roles) {
                service.create(superuser);
            }
        } catch (SQLException e) {
            throw new StartFailure("Could not create the services' database roles as " + database.user()
                    + " (POSTGRES_USER must be a superuser of POSTGRES_URL): " + e.getMessage(), e);
        }
        progress.step(
                "PostgreSQL: the services connect as " + String.join(", ", roles.stream().map(ServiceRoles::runtime).toList())
                        + " and migrate as " + String.join(", ", roles.stream().map(ServiceRoles::owner).toList()));
    }

    private void startKafkaAndTopics(StackSettings settings, Progress progress) {
        try {
            if (settings.externalKafka() != null) {
                kafkaBootstrapServers = settings.externalKafka();
                progress.step("Kafka: using " + kafkaBootstrapServers + " (KAFKA_BOOTSTRAP_SERVERS)");
            } else {
                progress.step("Kafka (KRaft): starting on 127.0.0.1:" + settings.kafkaPort());
                broker = KraftBroker.start(settings.kafkaDir(), settings.kafkaPort(), settings.kafkaControllerPort(),
                        SuiteTopics.PARTITIONS);
                kafkaBootstrapServers = broker.bootstrapServers();
                progress.step("Kafka (KRaft): ready on " + kafkaBootstrapServers
                        + (broker.freshlyFormatted() ? " (new storage)" : " (data of the last run)"));
            }
            int created = SuiteTopics.ensure(kafkaBootstrapServers);
            progress.step("Kafka topics: " + SuiteTopics.names().size() + " present, " + created + " created now ("
                    + SuiteTopics.PARTITIONS + " partitions each)");
        } catch (IOException e) {
            throw new StartFailure("Kafka did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("Interrupted while creating topics", e);
        }
    }

    private void startOidc(StackSettings settings, Progress progress) {
        try {
            identityProvider = IdentityProvider.start(settings.oidcPort(), settings.identityConfig(),
                    settings.benchmarkResidents());
            progress.step("OIDC provider: ready, issuer " + identityProvider.issuerUrl()
                    + (settings.benchmarkResidents().isEmpty() ? ""
                            : " (also the benchmark residents " + settings.benchmarkResidents().described() + ")"));
        } catch (IOException | RuntimeException e) {
            throw new StartFailure("The OIDC provider did not start on port " + settings.oidcPort() + ": " + e.getMessage(), e);
        }
    }

    /** Durable unless the property or the variable asks for speed over safety. */
    static Durability durability(String property, String variable) {
        return isSet(property) || isSet(variable) ? Durability.THROW_AWAY : Durability.DURABLE;
    }

    private static boolean isSet(String flag) {
        return flag != null && !flag.isBlank() && !flag.trim().equalsIgnoreCase("false");
    }

    /** Carries a start failure out of a parallel task with a readable message. */
    private static final class StartFailure extends RuntimeException {
        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
