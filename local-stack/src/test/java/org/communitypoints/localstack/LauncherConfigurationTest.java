package org.communitypoints.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.communitypoints.embedded.ServiceRoles;
import org.junit.jupiter.api.Test;

/** The launcher's defaults and environment against what the services themselves read. */
class LauncherConfigurationTest {

    private static final StackSettings DEFAULTS = StackSettings.fromEnvironment(ServiceConfiguration.REPOSITORY, Map.of());
    private static final StackSecrets NO_SECRETS = new StackSecrets(Map.of(), Map.of());

    @Test
    void defaultPortsAreTheServicesOwnDefaults() throws IOException {
        assertEquals(ServiceConfiguration.defaultPort("activity-service"), DEFAULTS.activityPort());
        assertEquals(ServiceConfiguration.defaultPort("points-service"), DEFAULTS.pointsPort());
        assertEquals(ServiceConfiguration.defaultPort("catalog-service"), DEFAULTS.catalogPort());
        assertEquals(ServiceConfiguration.defaultPort("community-service"), DEFAULTS.communityPort());
        assertEquals(ServiceConfiguration.defaultPort("gateway"), DEFAULTS.gatewayPort());
    }

    @Test
    void everyServiceGetsEveryInfrastructureVariableItReads() throws IOException {
        Set<String> given = environment().keySet();
        Set<String> infrastructure = new HashSet<>(Set.of("POSTGRES_URL", "KAFKA_BOOTSTRAP_SERVERS",
                "OIDC_AUTH_SERVER_URL", "OIDC_AUDIENCE", "ACTIVITY_URL", "POINTS_URL", "CATALOG_URL", "COMMUNITY_URL"));
        ServiceRoles.SCHEMAS
                .forEach(schema -> infrastructure.addAll(ServiceRoles.defaults(schema).serviceEnvironment().keySet()));
        for (String service : ServiceConfiguration.SERVICES) {
            Set<String> needed = new TreeSet<>(ServiceConfiguration.variablesRead(service));
            needed.retainAll(infrastructure);
            needed.removeAll(given);
            assertTrue(needed.isEmpty(), service + " reads " + needed + " but the launcher does not set them");
        }
    }

    @Test
    void everyVariableTheLauncherSetsIsReadBySomeService() throws IOException {
        Set<String> read = new HashSet<>();
        for (String service : ServiceConfiguration.SERVICES) {
            read.addAll(ServiceConfiguration.variablesRead(service));
        }
        Set<String> unread = new TreeSet<>(environment().keySet());
        unread.removeAll(read);
        unread.remove("QUARKUS_HTTP_HOST"); // Quarkus's own: every quarkus.* property has its environment name
        assertTrue(unread.isEmpty(), "no service reads " + unread);
    }

    @Test
    void gatewayIsPointedAtTheServicesPorts() {
        StackSettings moved = StackSettings.fromEnvironment(ServiceConfiguration.REPOSITORY,
                Map.of("POINTS_PORT", "9182", "GATEWAY_PORT", "9180"));
        Map<String, String> env = LocalStack.serviceEnvironment(moved, "jdbc:postgresql://localhost:5432/x",
                "127.0.0.1:9092", "http://localhost:8180/community");

        assertEquals("http://localhost:9182", env.get("POINTS_URL"));
        assertEquals("http://localhost:8081", env.get("ACTIVITY_URL"));
        assertEquals(9180, moved.gatewayPort());
    }

    @Test
    void theGatewayGetsFourEventLoopsPerCoreAndTheDataServicesQuarkusDefault() {
        Map<String, String> shared = Map.of("POINTS_URL", "http://localhost:8082");
        LocalStack.Service gateway = new LocalStack.Service("gateway", "gateway", 8080);
        LocalStack.Service points = new LocalStack.Service("points-service-2", "points-service", 9082, 1);

        Map<String, String> gatewayEnv = LocalStack.instanceEnvironment(gateway, shared, NO_SECRETS, Map.of(), 2);
        Map<String, String> pointsEnv = LocalStack.instanceEnvironment(points, shared, NO_SECRETS, Map.of(), 2);

        assertEquals("8", gatewayEnv.get("QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE"));
        assertEquals("8", gatewayEnv.get("QUARKUS_HTTP_IO_THREADS"));
        assertEquals("http://localhost:8082", gatewayEnv.get("POINTS_URL"));
        assertEquals("0", gatewayEnv.get("INSTANCE_ID"));
        assertEquals("1", pointsEnv.get("INSTANCE_ID"));
        assertFalse(pointsEnv.containsKey("QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE"));
        assertFalse(pointsEnv.containsKey("QUARKUS_HTTP_IO_THREADS"));
    }

    @Test
    void eventLoopsSetInTheLaunchersEnvironmentAreLeftToIt() {
        LocalStack.Service gateway = new LocalStack.Service("gateway", "gateway", 8080);

        // The child process inherits the launcher's environment; the stack adds nothing over it.
        Map<String, String> env = LocalStack.instanceEnvironment(gateway, Map.of(), NO_SECRETS,
                Map.of("QUARKUS_HTTP_IO_THREADS", "3"), 2);

        assertFalse(env.containsKey("QUARKUS_HTTP_IO_THREADS"));
        assertEquals("8", env.get("QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE"));
    }

    @Test
    void withThreeInstancesTheGatewayGetsEveryInstanceOfEachService() {
        Map<String, String> env = LocalStack.serviceEnvironment(DEFAULTS, 3, "jdbc:postgresql://localhost:5432/x",
                "127.0.0.1:9092", "http://localhost:8180/community");

        assertEquals("http://localhost:8082,http://localhost:9082,http://localhost:10082", env.get("POINTS_URL"));
        assertEquals("http://localhost:8081,http://localhost:9081,http://localhost:10081", env.get("ACTIVITY_URL"));
    }

    @Test
    void withThreeInstancesEachDataServiceRunsThreeTimesOnDistinctPortsAndTheGatewayOnce() {
        List<LocalStack.Service> services = new LocalStack(DEFAULTS, 3, new Progress(System.out)).services();

        assertEquals(4 * 3 + 1, services.size());
        assertEquals(services.size(), services.stream().map(LocalStack.Service::port).distinct().count());
        assertEquals(services.size(), services.stream().map(LocalStack.Service::name).distinct().count());
        assertEquals(1, services.stream().filter(s -> s.module().equals("gateway")).count());
        assertEquals(List.of(8082, 9082, 10082), services.stream().filter(s -> s.module().equals("points-service"))
                .map(LocalStack.Service::port).toList());
        // Each instance is its own static member of the consumer groups (INSTANCE_ID).
        assertEquals(List.of(0, 1, 2), services.stream().filter(s -> s.module().equals("points-service"))
                .map(LocalStack.Service::instance).toList());
        for (LocalStack.Service service : services) {
            assertTrue(Set.of(DEFAULTS.postgresPort(), DEFAULTS.kafkaPort(), DEFAULTS.kafkaControllerPort(),
                    DEFAULTS.oidcPort()).stream().noneMatch(p -> p == service.port()),
                    service + " takes no infrastructure port");
        }
    }

    @Test
    void theInstanceCountComesFromTheArgumentOrTheEnvironment() {
        assertEquals(1, LocalStack.instancesOf(List.of(), Map.of()));
        assertEquals(2, LocalStack.instancesOf(List.of("--fast-unsafe", "--instances", "2"), Map.of()));
        assertEquals(3, LocalStack.instancesOf(List.of("--instances=3"), Map.of()));
        assertEquals(4, LocalStack.instancesOf(List.of(), Map.of("LOCAL_STACK_INSTANCES", "4")));
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> LocalStack.instancesOf(List.of("--instances", "0"), Map.of()));
        assertTrue(refusal.getMessage().contains("--instances"), refusal.getMessage());
    }

    @Test
    void eachServiceIsGivenItsOwnRolesAndNeverTheSuperuser() throws IOException {
        Map<String, String> env = environment();
        assertEquals("points_app", env.get("POINTS_DB_USER"));
        assertEquals("points_owner", env.get("POINTS_DB_OWNER"));
        assertEquals("catalog_app", env.get("CATALOG_DB_USER"));
        assertEquals("activity_owner", env.get("ACTIVITY_DB_OWNER"));
        assertTrue(!env.containsKey("POSTGRES_USER") && !env.containsKey("POSTGRES_PASSWORD"), env.toString());
        for (String schema : ServiceRoles.SCHEMAS) {
            String properties = ServiceConfiguration.applicationProperties(schema + "-service");
            ServiceRoles roles = ServiceRoles.defaults(schema);
            String prefix = ServiceRoles.variablePrefix(schema);
            assertTrue(properties.contains("quarkus.datasource.username=${" + prefix + "USER:" + roles.runtime() + "}"),
                    schema + "-service connects as " + roles.runtime() + " by default, as the launcher creates it");
            assertTrue(properties.contains("quarkus.flyway.username=${" + prefix + "OWNER:" + roles.owner() + "}"),
                    schema + "-service migrates as " + roles.owner() + " by default, as the launcher creates it");
        }
    }

    @Test
    void servicesListenOnlyOnThisMachine() {
        assertEquals("127.0.0.1", environment().get("QUARKUS_HTTP_HOST"));
    }

    @Test
    void aPortThatIsNotANumberIsRefusedByName() {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> StackSettings.fromEnvironment(ServiceConfiguration.REPOSITORY, Map.of("LOCAL_OIDC_PORT", "eighty")));
        assertTrue(refusal.getMessage().contains("LOCAL_OIDC_PORT"), refusal.getMessage());
    }

    @Test
    void theBufferCacheIsAnEighthOfTheMachinesMemoryFromPostgresDefaultUpTo4GB() {
        long gib = 1024L * 1024 * 1024;

        assertEquals("3072MB", StackSettings.sharedBuffersFor(24 * gib));
        assertEquals("1024MB", StackSettings.sharedBuffersFor(8 * gib));
        assertEquals("128MB", StackSettings.sharedBuffersFor(gib / 2), "never below PostgreSQL's default");
        assertEquals("4096MB", StackSettings.sharedBuffersFor(256 * gib), "never above 4 GB");
    }

    @Test
    void aBufferCacheSetInTheEnvironmentIsUsedAndOneThatIsNotASizeIsRefusedByName() {
        StackSettings settings = StackSettings.fromEnvironment(ServiceConfiguration.REPOSITORY,
                Map.of(StackSettings.SHARED_BUFFERS_VARIABLE, "512MB"));
        assertEquals("512MB", settings.postgresSharedBuffers());

        for (String notASize : List.of("lots", "512", "0MB", "-1GB", "2 GB")) {
            IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                    () -> StackSettings.fromEnvironment(ServiceConfiguration.REPOSITORY,
                            Map.of(StackSettings.SHARED_BUFFERS_VARIABLE, notASize)));
            assertTrue(refusal.getMessage().contains(StackSettings.SHARED_BUFFERS_VARIABLE), refusal.getMessage());
        }
    }

    @Test
    void anExistingPostgresIsUsedWhenPostgresUrlIsSet() {
        StackSettings settings = StackSettings.fromEnvironment(ServiceConfiguration.REPOSITORY,
                Map.of("POSTGRES_URL", "jdbc:postgresql://db.example:5432/points", "POSTGRES_USER", "points"));

        assertEquals("jdbc:postgresql://db.example:5432/points", settings.externalPostgres().jdbcUrl());
        assertEquals("points", settings.externalPostgres().user());
        assertEquals("postgres", settings.externalPostgres().password());
    }

    @Test
    void aBusyPortIsReportedWithItsPurpose() throws IOException {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(0));
            IOException refusal = assertThrows(IOException.class, () -> Leftovers.requireFree("gateway", busy.getLocalPort()));
            assertTrue(refusal.getMessage().contains("Port " + busy.getLocalPort() + " (gateway) is already in use"),
                    refusal.getMessage());
        }
    }

    private static Map<String, String> environment() {
        return LocalStack.serviceEnvironment(DEFAULTS, "jdbc:postgresql://localhost:5432/community_points",
                "127.0.0.1:9092", "http://localhost:8180/community");
    }
}
