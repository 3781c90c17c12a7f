package org.communitypoints.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.communitypoints.embedded.PostgresServerSettings;
import org.communitypoints.embedded.ServiceRoles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml against the services' own configuration: ports, the environment variables they
 * read, the broker and database they are pointed at, the topics created, the realm imported.
 */
class ComposeFileTest {

    private static final Path REPOSITORY = ServiceConfiguration.REPOSITORY;

    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readComposeFile() throws IOException {
        try (Reader in = Files.newBufferedReader(REPOSITORY.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            services = (Map<String, Object>) compose.get("services");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "community-service", "activity-service", "points-service", "catalog-service", "gateway" })
    void servicePortMatchesItsQuarkusHttpPortAndIsPublishedAndHealthChecked(String module) throws IOException {
        String port = defaultPort(module);
        Map<String, Object> service = service(module);

        assertEquals(port, String.valueOf(environment(module).get("HTTP_PORT")), module + " HTTP_PORT");
        assertTrue(strings(service.get("ports")).contains(port + ":" + port), module + " publishes " + port);
        String healthCheck = String.join(" ", strings(map(service.get("healthcheck")).get("test")));
        assertTrue(healthCheck.contains("/dev/tcp/127.0.0.1/" + port) && healthCheck.contains("/q/health/ready"),
                module + " health check asks /q/health/ready on " + port + ": " + healthCheck);
    }

    @ParameterizedTest
    @ValueSource(strings = { "community-service", "activity-service", "points-service", "catalog-service", "gateway" })
    void everyVariableComposeSetsIsOneTheServiceReads(String module) throws IOException {
        Set<String> read = variablesRead(module);
        Set<String> set = new TreeSet<>(environment(module).keySet());

        set.removeAll(read);
        assertTrue(set.isEmpty(), module + " is given variables it never reads: " + set + " (it reads " + read + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = { "community-service", "activity-service", "points-service", "catalog-service" })
    void dataServicesGetTheDatabaseBrokerAndIdentityProviderOfThisFile(String module) throws IOException {
        Map<String, Object> env = environment(module);
        assertTrue(variablesRead(module).containsAll(
                Set.of("POSTGRES_URL", "KAFKA_BOOTSTRAP_SERVERS", "OIDC_AUTH_SERVER_URL")));

        Map<String, Object> postgres = environment("postgres");
        assertEquals("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"), env.get("POSTGRES_URL"));
        assertTrue(String.valueOf(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"))
                .contains("PLAINTEXT://" + env.get("KAFKA_BOOTSTRAP_SERVERS")),
                "services use the broker's advertised listener");
        assertEquals(keycloakIssuerInsideCompose(), env.get("OIDC_AUTH_SERVER_URL"));
        assertEquals(IdentityProvider.AUDIENCE, env.get("OIDC_AUDIENCE"));
        assertDependsOnHealthy(module, "postgres", "kafka", "keycloak");
        assertEquals("service_completed_successfully", condition(module, "topic-init"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "community", "activity", "points", "catalog" })
    void dataServicesConnectAsTheRolesDbRolesCreatesNeverAsTheSuperuser(String schema) throws IOException {
        String module = schema + "-service";
        Map<String, Object> env = environment(module);
        Map<String, Object> roles = environment("db-roles");
        assertTrue(!env.containsKey("POSTGRES_USER") && !env.containsKey("POSTGRES_PASSWORD"), module + ": " + env);
        ServiceRoles defaults = ServiceRoles.defaults(schema);
        for (Map.Entry<String, String> variable : defaults.serviceEnvironment().entrySet()) {
            String expected = "${" + variable.getKey() + ":-" + variable.getValue() + "}";
            assertEquals(expected, env.get(variable.getKey()), module + " " + variable.getKey());
            assertEquals(expected, roles.get(variable.getKey()), "db-roles " + variable.getKey());
            assertTrue(variablesRead(module).contains(variable.getKey()), module + " reads " + variable.getKey());
        }
        assertEquals("service_completed_successfully", condition(module, "db-roles"));
    }

    @Test
    void dbRolesRunsTheRolesScriptOfThisRepositoryForEveryDataServiceAsTheSuperuser() {
        Map<String, Object> roles = service("db-roles");
        String mount = strings(roles.get("volumes")).get(0);
        Path script = REPOSITORY.resolve(mount.substring(0, mount.indexOf(':'))).normalize();
        assertTrue(Files.isRegularFile(script), "the mounted script exists: " + script);
        assertTrue(script.endsWith(Path.of("db-roles", "service-roles.sql")), script.toString());

        String command = String.join("\n", strings(roles.get("command")));
        assertTrue(command.contains("for schema in " + String.join(" ", ServiceRoles.SCHEMAS) + ";"), command);
        assertTrue(command.contains("-f /service-roles.sql"), command);
        Map<String, Object> env = environment("db-roles");
        assertEquals(environment("postgres").get("POSTGRES_USER"), env.get("PGUSER"));
        assertEquals(environment("postgres").get("POSTGRES_PASSWORD"), env.get("PGPASSWORD"));
        assertEquals(environment("postgres").get("POSTGRES_DB"), env.get("PGDATABASE"));
        assertDependsOnHealthy("db-roles", "postgres");
    }

    @Test
    void gatewayRoutesToTheServicesOnTheirPorts() throws IOException {
        Map<String, Object> env = environment("gateway");
        assertTrue(variablesRead("gateway")
                .containsAll(Set.of("ACTIVITY_URL", "POINTS_URL", "CATALOG_URL", "COMMUNITY_URL", "OIDC_AUTH_SERVER_URL",
                        "WEB_CONSOLE_ISSUER_URL")));

        assertEquals("http://activity-service:" + defaultPort("activity-service"), env.get("ACTIVITY_URL"));
        assertEquals("http://points-service:" + defaultPort("points-service"), env.get("POINTS_URL"));
        assertEquals("http://catalog-service:" + defaultPort("catalog-service"), env.get("CATALOG_URL"));
        assertEquals("http://community-service:" + defaultPort("community-service"), env.get("COMMUNITY_URL"));
        assertEquals(keycloakIssuerInsideCompose(), env.get("OIDC_AUTH_SERVER_URL"));
        // The browser logs in at the address published on the host, which is also the realm's issuer (KC_HOSTNAME).
        assertEquals("http://localhost:8180/realms/" + realmName(), env.get("WEB_CONSOLE_ISSUER_URL"));
        assertDependsOnHealthy("gateway", "keycloak", "activity-service", "points-service", "catalog-service",
                "community-service");
    }

    @Test
    void topicInitCreatesEverySuiteTopicWithTheLocalStacksPartitions() {
        String script = String.join("\n", strings(service("topic-init").get("command")));

        for (String topic : SuiteTopics.names()) {
            assertTrue(Pattern.compile("(^|\\s)" + Pattern.quote(topic) + "(\\s|;|$)").matcher(script).find(),
                    "topic-init creates " + topic);
        }
        assertTrue(script.contains("--partitions " + SuiteTopics.PARTITIONS));
        assertTrue(script.contains("--bootstrap-server " + environment("activity-service").get("KAFKA_BOOTSTRAP_SERVERS")));
        assertDependsOnHealthy("topic-init", "kafka");
    }

    @Test
    void postgresGetsALargerBufferCacheThanItsDefaultAndOneCanChooseIt() {
        String command = String.join(" ", strings(service("postgres").get("command")));
        Matcher setting = Pattern.compile("-c shared_buffers=\\$\\{POSTGRES_SHARED_BUFFERS:-([^}]+)}").matcher(command);
        assertTrue(command.startsWith("postgres ") && setting.find(), command);
        String byDefault = setting.group(1);
        assertTrue(StackSettings.isSharedBuffersSize(byDefault), byDefault);
        assertNotEquals(PostgresServerSettings.DEFAULT_SHARED_BUFFERS, byDefault, "PostgreSQL's own default");
    }

    @Test
    void infrastructureHasHealthChecks() {
        for (String name : List.of("postgres", "kafka", "keycloak")) {
            assertNotNull(map(service(name).get("healthcheck")).get("test"), name + " has a health check");
        }
    }

    @Test
    void keycloakImportsTheRealmFileOfThisRepository() throws IOException {
        Map<String, Object> keycloak = service("keycloak");
        assertTrue(strings(keycloak.get("command")).contains("--import-realm"));
        String mount = strings(keycloak.get("volumes")).stream()
                .filter(volume -> volume.contains("/opt/keycloak/data/import/")).findFirst().orElseThrow();
        Path realmFile = REPOSITORY.resolve(mount.substring(0, mount.indexOf(':'))).normalize();

        assertTrue(Files.isRegularFile(realmFile), "the mounted realm file exists: " + realmFile);
        assertTrue(Files.readString(realmFile).contains("\"realm\" : \"" + realmName() + "\"")
                || Files.readString(realmFile).contains("\"realm\": \"" + realmName() + "\""));
    }

    @Test
    void servicesAreBuiltFromThisRepositoryByTheRootDockerfile() throws IOException {
        String dockerfile = Files.readString(REPOSITORY.resolve("Dockerfile"));
        assertTrue(dockerfile.contains("-pl \"${MODULE}\" -am"), "the build stage builds the module named by MODULE");
        assertTrue(dockerfile.contains("/src/${MODULE}/target/quarkus-app/"), "the image runs that module's fast-jar");
        for (String module : List.of("community-service", "activity-service", "points-service", "catalog-service",
                "gateway")) {
            Map<String, Object> build = map(service(module).get("build"));
            assertEquals(".", build.get("context"));
            assertEquals(module, map(build.get("args")).get("MODULE"));
            assertTrue(Files.isRegularFile(REPOSITORY.resolve(module).resolve("pom.xml")), module + " is a module here");
        }
    }

    private static String defaultPort(String module) throws IOException {
        return String.valueOf(ServiceConfiguration.defaultPort(module));
    }

    private static Set<String> variablesRead(String module) throws IOException {
        return ServiceConfiguration.variablesRead(module);
    }

    // --- what compose says ---------------------------------------------------------------------

    private static String keycloakIssuerInsideCompose() throws IOException {
        return "http://keycloak:8080/realms/" + realmName();
    }

    private static String realmName() throws IOException {
        Path realm = REPOSITORY.resolve("keycloak/community-realm.json");
        Matcher matcher = Pattern.compile("\"realm\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(realm));
        assertTrue(matcher.find());
        return matcher.group(1);
    }

    private static void assertDependsOnHealthy(String service, String... dependencies) {
        for (String dependency : dependencies) {
            assertEquals("service_healthy", condition(service, dependency), service + " waits for " + dependency);
        }
    }

    private static String condition(String service, String dependency) {
        Map<String, Object> dependsOn = map(service(service).get("depends_on"));
        assertTrue(dependsOn.containsKey(dependency), service + " depends on " + dependency);
        return String.valueOf(map(dependsOn.get(dependency)).get("condition"));
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = map(services.get(name));
        assertNotNull(service, "docker-compose.yml has a service " + name);
        return service;
    }

    private static Map<String, Object> environment(String name) {
        return map(service(name).get("environment"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        return ((List<Object>) value).stream().map(String::valueOf).toList();
    }
}
