package org.communitypoints.localstack;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.communitypoints.embedded.PostgresServerSettings;

/**
 * Where the local stack keeps its files and which ports it uses. Every value has a default that
 * matches the services' own defaults; each can be changed through an environment variable.
 *
 * @param repository the repository root (the services' jars are found under it)
 * @param dataDir .local/ under the repository: PostgreSQL and Kafka data, logs (kept between runs)
 * @param externalPostgres an existing PostgreSQL to use instead of the embedded one, or null
 * @param externalKafka an existing Kafka to use instead of the in-process broker, or null
 * @param benchmarkResidents load-test residents the identity provider knows and the seed registers, beside the demo
 *        users ({@value BenchmarkResidents#VARIABLE}; none by default)
 * @param postgresSharedBuffers the embedded PostgreSQL's buffer cache (its {@code shared_buffers}, e.g. {@code 3GB};
 *        {@value #SHARED_BUFFERS_VARIABLE}, by default {@link #sharedBuffersFor an eighth of the machine's memory})
 */
public record StackSettings(
        Path repository,
        Path dataDir,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        int oidcPort,
        int gatewayPort,
        int activityPort,
        int pointsPort,
        int catalogPort,
        int communityPort,
        ExternalPostgres externalPostgres,
        String externalKafka,
        String serviceJavaOptions,
        BenchmarkResidents benchmarkResidents,
        String postgresSharedBuffers) {

    /** Small heaps and a quick-starting JIT: five services and the infrastructure share 2 cores and < 3 GiB. */
    public static final String DEFAULT_SERVICE_JAVA_OPTIONS = "-Xmx192m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m"
            + " -XX:MaxMetaspaceSize=160m -XX:+ExitOnOutOfMemoryError";

    /**
     * The services' JVM options for a load test, as docs/benchmarks.md measures with: the optimising compiler, larger
     * heaps and code cache, and no flushing of compiled code between runs (Java 17 threw it away in every pause).
     */
    public static final String LOAD_TEST_SERVICE_JAVA_OPTIONS = "-Xmx384m -Xss512k -XX:+UseSerialGC"
            + " -XX:ReservedCodeCacheSize=240m -XX:+ExitOnOutOfMemoryError -XX:-UseCodeCacheFlushing";

    public static final String SERVICE_JAVA_OPTIONS_VARIABLE = "LOCAL_STACK_SERVICE_JAVA_OPTS";

    public static final String SHARED_BUFFERS_VARIABLE = "LOCAL_STACK_POSTGRES_SHARED_BUFFERS";

    private static final long MIB = 1024L * 1024;
    private static final long MIN_SHARED_BUFFERS_MIB = 128;
    private static final long MAX_SHARED_BUFFERS_MIB = 4096;
    private static final Pattern SHARED_BUFFERS = Pattern.compile("[1-9][0-9]*(kB|MB|GB)");

    /**
     * Without benchmark residents and with PostgreSQL's default buffer cache: the stack as the end-to-end tests start
     * it, on a database that stays small.
     */
    public StackSettings(Path repository, Path dataDir, int postgresPort, int kafkaPort, int kafkaControllerPort,
            int oidcPort, int gatewayPort, int activityPort, int pointsPort, int catalogPort, int communityPort,
            ExternalPostgres externalPostgres, String externalKafka, String serviceJavaOptions) {
        this(repository, dataDir, postgresPort, kafkaPort, kafkaControllerPort, oidcPort, gatewayPort, activityPort,
                pointsPort, catalogPort, communityPort, externalPostgres, externalKafka, serviceJavaOptions,
                BenchmarkResidents.NONE, PostgresServerSettings.DEFAULT_SHARED_BUFFERS);
    }

    /** A PostgreSQL server the user already runs (POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD). */
    public record ExternalPostgres(String jdbcUrl, String user, String password) {
    }

    public static StackSettings fromEnvironment(Path repository, Map<String, String> env) {
        Path dataDir = env.containsKey("LOCAL_STACK_DATA_DIR")
                ? Path.of(env.get("LOCAL_STACK_DATA_DIR")).toAbsolutePath()
                : repository.resolve(".local");
        String postgresUrl = blankToNull(env.get("POSTGRES_URL"));
        ExternalPostgres externalPostgres = postgresUrl == null ? null
                : new ExternalPostgres(postgresUrl,
                        env.getOrDefault("POSTGRES_USER", "postgres"),
                        env.getOrDefault("POSTGRES_PASSWORD", "postgres"));
        return new StackSettings(
                repository,
                dataDir,
                port(env, "LOCAL_POSTGRES_PORT", 5432),
                port(env, "LOCAL_KAFKA_PORT", 9092),
                port(env, "LOCAL_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "LOCAL_OIDC_PORT", 8180),
                port(env, "GATEWAY_PORT", 8080),
                port(env, "ACTIVITY_PORT", 8081),
                port(env, "POINTS_PORT", 8082),
                port(env, "CATALOG_PORT", 8083),
                port(env, "COMMUNITY_PORT", 8084),
                externalPostgres,
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                env.getOrDefault(SERVICE_JAVA_OPTIONS_VARIABLE, DEFAULT_SERVICE_JAVA_OPTIONS),
                BenchmarkResidents.fromEnvironment(env),
                sharedBuffers(env));
    }

    /**
     * The buffer cache of the embedded PostgreSQL for a machine with this much memory: an eighth of it, from
     * PostgreSQL's default of 128 MB up to 4 GB. PostgreSQL's own default suits a test's small database, not the
     * stack's, which keeps every run's data: at 4.3 GB of data and 128 MB of buffers the redemption saga's
     * transactions each wrote back about twelve evicted pages, waiting for the log to be flushed before each, and the
     * saga's p99 at 200 a second had a median of 546 ms over seven runs against 338 ms over twelve with 3 GB
     * (local-stack/README.md, "PostgreSQL's buffer cache"). PostgreSQL advises a quarter of a database server's
     * memory; here the services share the machine, hence an eighth. The memory is taken only as pages are read.
     */
    static String sharedBuffersFor(long machineMemoryBytes) {
        long eighth = machineMemoryBytes / 8 / MIB;
        return Math.max(MIN_SHARED_BUFFERS_MIB, Math.min(MAX_SHARED_BUFFERS_MIB, eighth)) + "MB";
    }

    /** A size PostgreSQL takes for {@code shared_buffers} and this stack accepts: a positive whole kB, MB or GB. */
    static boolean isSharedBuffersSize(String value) {
        return SHARED_BUFFERS.matcher(value).matches();
    }

    private static String sharedBuffers(Map<String, String> env) {
        String value = blankToNull(env.get(SHARED_BUFFERS_VARIABLE));
        if (value == null) {
            return sharedBuffersFor(((com.sun.management.OperatingSystemMXBean) ManagementFactory
                    .getOperatingSystemMXBean()).getTotalMemorySize());
        }
        if (!isSharedBuffersSize(value.trim())) {
            throw new IllegalArgumentException(SHARED_BUFFERS_VARIABLE + " must be a size such as 512MB or 2GB, not '"
                    + value + "'");
        }
        return value.trim();
    }

    /**
     * A word for whoever starts a stack with benchmark residents but the laptop's JVM options: with the quick compiler
     * alone the saga needed about a third more CPU in catalog-service and the gateway, and 200 redemptions a second did
     * not keep up where the load-test options did (docs/benchmarks.md, 2026-12-06 22:25), so figures measured that way
     * say little. Empty when there are no benchmark residents or the options were chosen.
     */
    public Optional<String> loadTestAdvice() {
        if (benchmarkResidents.isEmpty() || !serviceJavaOptions.equals(DEFAULT_SERVICE_JAVA_OPTIONS)) {
            return Optional.empty();
        }
        return Optional.of("The services run with the laptop's JVM options (quick compiler only, small heaps):"
                + " for load figures start the stack with " + SERVICE_JAVA_OPTIONS_VARIABLE + "=\""
                + LOAD_TEST_SERVICE_JAVA_OPTIONS + "\" (local-stack/README.md).");
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    /** The demo users and their claims, shared with the Keycloak realm in the same directory. */
    public Path identityConfig() {
        return repository.resolve("keycloak").resolve("mock-oauth2-server.json");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
