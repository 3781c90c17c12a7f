package org.communitypoints.testsupport;

import java.util.Locale;
import java.util.function.BooleanSupplier;

import org.testcontainers.DockerClientFactory;

/**
 * Which servers the tests run against, chosen once per test JVM: containers (PostgreSQL, Kafka and a
 * real Keycloak) when a Docker engine is reachable, else the embedded servers. The same tests run either
 * way. {@code -Dtest.infra=embedded|containers|auto} or the environment variable {@code TEST_INFRA}
 * overrides the choice (the system property wins).
 */
public enum TestInfra {
    EMBEDDED,
    CONTAINERS;

    public static final String PROPERTY = "test.infra";
    public static final String ENVIRONMENT_VARIABLE = "TEST_INFRA";

    private static TestInfra current;

    /** The choice for this JVM; asks Docker at most once. */
    public static synchronized TestInfra current() {
        if (current == null) {
            current = choose(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT_VARIABLE), TestInfra::dockerReachable);
            // Recorded as the system property: a copy of this class in another class loader (Quarkus tests
            // load classes twice) then reads the same answer instead of asking Docker again.
            System.setProperty(PROPERTY, current.name().toLowerCase(Locale.ROOT));
            System.out.println("[test-support] test infrastructure: " + System.getProperty(PROPERTY)
                    + " (override with -D" + PROPERTY + " or " + ENVIRONMENT_VARIABLE + ")");
        }
        return current;
    }

    /**
     * The requested mode, or Docker's presence decides when none is requested (or "auto").
     *
     * @throws IllegalArgumentException for a value that names no mode, rather than silently running the other one
     */
    static TestInfra choose(String property, String environment, BooleanSupplier dockerReachable) {
        String requested = blankToNull(property) != null ? property : blankToNull(environment);
        if (requested != null && !requested.trim().equalsIgnoreCase("auto")) {
            return switch (requested.trim().toLowerCase(Locale.ROOT)) {
                case "embedded" -> EMBEDDED;
                case "containers" -> CONTAINERS;
                default -> throw new IllegalArgumentException(PROPERTY + "/" + ENVIRONMENT_VARIABLE
                        + " must be embedded, containers or auto, not '" + requested + "'");
            };
        }
        return dockerReachable.getAsBoolean() ? CONTAINERS : EMBEDDED;
    }

    private static boolean dockerReachable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
