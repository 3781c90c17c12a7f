package org.communitypoints.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.communitypoints.contracts.Topics;
import org.communitypoints.embedded.ServiceRoles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * The launcher's infrastructure for real: embedded PostgreSQL, the KRaft broker with the suite's
 * topics and the OIDC provider come up, the provider's tokens verify against its published keys with
 * the claims the services rely on, and a restart on the same data directory keeps rows and records.
 */
class InfrastructureTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Not PostgreSQL's default (128MB), so that the server shows whether it was given the setting. */
    private static final String BUFFER_CACHE = "192MB";

    private static StackSettings settings;
    private static DemoUsers users;
    private static Infrastructure infrastructure;

    @BeforeAll
    static void startInfrastructure() throws IOException {
        Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "local-stack-");
        Path repository = Path.of("..").toAbsolutePath().normalize();
        users = DemoUsers.read(repository.resolve("keycloak/mock-oauth2-server.json"));
        settings = new StackSettings(repository, dataDir, freePort(), freePort(), freePort(), freePort(),
                8080, 8081, 8082, 8083, 8084, null, null, StackSettings.DEFAULT_SERVICE_JAVA_OPTIONS,
                BenchmarkResidents.NONE, BUFFER_CACHE);
        infrastructure = Infrastructure.start(settings, quietProgress());
    }

    @AfterAll
    static void stopInfrastructure() {
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void residentTokenVerifiesAgainstTheProvidersKeysWithRoleAndCommunity() throws Exception {
        DemoUsers.Person resident = person("li-mei");
        JWTClaimsSet claims = verified(passwordGrant(resident.username()));

        assertEquals(resident.subject(), claims.getSubject());
        assertEquals(infrastructure.identityProvider().issuerUrl(), claims.getIssuer());
        assertEquals(List.of(IdentityProvider.AUDIENCE), claims.getAudience());
        assertEquals(List.of("resident"), claims.getStringListClaim("groups"));
        assertEquals("wutong", claims.getStringClaim("community"));
        assertNull(claims.getClaim("partner"));
        assertTrue(claims.getExpirationTime().toInstant().isAfter(java.time.Instant.now().plusSeconds(60)));
    }

    @Test
    void partnerTokenCarriesThePartnerId() throws Exception {
        DemoUsers.Person partner = users.people().stream()
                .filter(person -> "wutong-night-school".equals(person.partner())).findFirst().orElseThrow();
        JWTClaimsSet claims = verified(passwordGrant(partner.username()));

        assertEquals(List.of("partner"), claims.getStringListClaim("groups"));
        assertEquals("wutong-night-school", claims.getStringClaim("partner"));
        assertEquals("wutong", claims.getStringClaim("community"));
    }

    @Test
    void reconcilerGetsAServiceTokenWithoutCommunity() throws Exception {
        String token = token("grant_type=client_credentials&client_id=" + DemoUsers.RECONCILER_CLIENT
                + "&client_secret=" + DemoUsers.RECONCILER_SECRET);
        JWTClaimsSet claims = verified(token);

        assertEquals(users.reconciler().subject(), claims.getSubject());
        assertEquals(List.of("reconciler"), claims.getStringListClaim("groups"));
        assertNull(claims.getClaim("community"));
    }

    @Test
    void discoveryDocumentNamesTheIssuerTheServicesAreGiven() throws Exception {
        JsonNode discovery = getJson(infrastructure.identityProvider().issuerUrl() + "/.well-known/openid-configuration");

        assertEquals(infrastructure.identityProvider().issuerUrl(), discovery.get("issuer").asText());
        assertEquals(infrastructure.identityProvider().tokenEndpoint(), discovery.get("token_endpoint").asText());
    }

    @Test
    void everySuiteTopicAndItsDeadLetterTopicExistWithSeveralPartitions() throws Exception {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(SuiteTopics.names()).allTopicNames()
                    .get(30, TimeUnit.SECONDS);

            assertEquals(10, topics.size());
            assertTrue(topics.containsKey(Topics.deadLetterOf(Topics.HOLDS)));
            assertTrue(topics.containsKey(Topics.REGISTRY));
            topics.values().forEach(topic -> assertEquals(SuiteTopics.PARTITIONS, topic.partitions().size(), topic.name()));
        }
    }

    @Test
    void everyDataServiceHasASchemaOwnedByItsOwnerAndARuntimeRoleThatOwnsNothing() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String schema : ServiceRoles.SCHEMAS) {
                ServiceRoles roles = ServiceRoles.defaults(schema);
                try (ResultSet rows = statement.executeQuery("select pg_get_userbyid(nspowner) from pg_namespace"
                        + " where nspname = '" + schema + "'")) {
                    assertTrue(rows.next(), "schema " + schema);
                    assertEquals(roles.owner(), rows.getString(1));
                }
                try (ResultSet rows = statement.executeQuery("select rolcanlogin, rolsuper from pg_roles where rolname = '"
                        + roles.runtime() + "'")) {
                    assertTrue(rows.next(), "role " + roles.runtime());
                    assertTrue(rows.getBoolean(1) && !rows.getBoolean(2), roles.runtime() + " logs in and is no superuser");
                }
            }
        }
    }

    @Test
    void restartOnTheSameDataDirectoryKeepsRowsAndRecords() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (note text)");
            statement.execute("INSERT INTO kept VALUES ('still here')");
        }
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.SHIFTS, "li-mei", "kept record")).get(30, TimeUnit.SECONDS);
        }

        infrastructure.close();
        infrastructure = Infrastructure.start(settings, quietProgress());

        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT note FROM kept")) {
            assertTrue(rows.next());
            assertEquals("still here", rows.getString(1));
        }
        assertTrue(allRecords(Topics.SHIFTS).stream().anyMatch(record -> "kept record".equals(record.value())));
        assertEquals(0, SuiteTopics.ensure(infrastructure.kafkaBootstrapServers()), "the topics were kept, none created again");
    }

    @Test
    void anUnknownUsernameIsRefusedWithTheDemoUsersNamedInsteadOfGettingARolelessToken() throws Exception {
        HttpResponse<String> response = tokenResponse("grant_type=password&client_id=" + DemoUsers.APP_CLIENT
                + "&username=li-mai&password=" + DemoUsers.PASSWORD);

        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body());
        assertEquals("invalid_grant", error.get("error").asText());
        String description = error.get("error_description").asText();
        assertTrue(description.startsWith("unknown user 'li-mai': the demo users are li-mei, "), description);
        users.people().forEach(person -> assertTrue(description.contains(person.username()), description));
    }

    @Test
    void postgresStoppedAloneRefusesConnectionsAndStartedAgainHasItsRowsOnTheSamePort() throws Exception {
        String url = infrastructure.database().jdbcUrl();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survives_a_stop (note text)");
            statement.execute("INSERT INTO survives_a_stop VALUES ('kept')");
        }

        infrastructure.stopPostgres();

        assertTrue(infrastructure.isPostgresStopped());
        assertTrue(infrastructure.postgresPid().isEmpty());
        assertThrows(java.sql.SQLException.class, () -> connect().close());

        infrastructure.startPostgres();

        assertEquals(url, infrastructure.database().jdbcUrl());
        assertTrue(infrastructure.postgresPid().isPresent());
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT note FROM survives_a_stop")) {
            assertTrue(rows.next());
            assertEquals("kept", rows.getString(1));
        }
        assertEquals(BUFFER_CACHE, sharedBuffers(), "started again with the stack's buffer cache");
    }

    @Test
    void postgresRunsWithTheStacksBufferCache() throws Exception {
        assertEquals(BUFFER_CACHE, sharedBuffers());
    }

    private static String sharedBuffers() throws Exception {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW shared_buffers")) {
            assertTrue(rows.next());
            return rows.getString(1);
        }
    }

    @Test
    void kafkaStoppedAloneRefusesProducersAndStartedAgainHasItsRecordsOnTheSamePort() throws Exception {
        String bootstrap = infrastructure.kafkaBootstrapServers();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.HOLDS, "li-mei", "before the stop")).get(30, TimeUnit.SECONDS);
        }

        infrastructure.stopKafka();

        assertTrue(infrastructure.isKafkaStopped());
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", settings.kafkaPort()).close());

        infrastructure.startKafka();

        assertEquals(bootstrap, infrastructure.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.HOLDS, "li-mei", "after the start")).get(30, TimeUnit.SECONDS);
        }
        List<String> values = allRecords(Topics.HOLDS).stream().map(ConsumerRecord::value).toList();
        assertTrue(values.containsAll(List.of("before the stop", "after the start")), values.toString());
    }

    private static String passwordGrant(String user) throws Exception {
        return token("grant_type=password&client_id=" + DemoUsers.APP_CLIENT + "&username=" + user + "&password="
                + DemoUsers.PASSWORD);
    }

    private static DemoUsers.Person person(String username) {
        return users.people().stream().filter(person -> person.username().equals(username)).findFirst().orElseThrow();
    }

    private static String token(String form) throws Exception {
        HttpResponse<String> response = tokenResponse(form);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static HttpResponse<String> tokenResponse(String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(infrastructure.identityProvider().tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Verifies the signature with the keys at the discovery document's jwks_uri, as the services do. */
    private static JWTClaimsSet verified(String token) throws Exception {
        String jwksUri = getJson(infrastructure.identityProvider().issuerUrl() + "/.well-known/openid-configuration")
                .get("jwks_uri").asText();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.<SecurityContext> create(new URL(jwksUri)).build()));
        return processor.process(token, null);
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return JSON.readTree(response.body());
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(infrastructure.database().jdbcUrl(), infrastructure.database().user(),
                infrastructure.database().password());
    }

    private static Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        return Admin.create(config);
    }

    private static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static List<ConsumerRecord<String, String>> allRecords(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }

    private static Progress quietProgress() {
        return new Progress(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
