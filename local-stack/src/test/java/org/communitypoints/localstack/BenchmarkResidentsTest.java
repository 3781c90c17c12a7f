package org.communitypoints.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The LOCAL_STACK_BENCHMARK_RESIDENTS setting and the users it adds to the local identity provider (started alone, in
 * this JVM: no database, broker or service).
 */
class BenchmarkResidentsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path IDENTITY_CONFIG = ServiceConfiguration.REPOSITORY.resolve("keycloak/mock-oauth2-server.json");

    private static IdentityProvider provider;
    private static DemoUsers demoUsers;

    @BeforeAll
    static void startProviderWithThreeBenchmarkResidents() throws IOException {
        demoUsers = DemoUsers.read(IDENTITY_CONFIG);
        provider = IdentityProvider.start(freePort(), IDENTITY_CONFIG, new BenchmarkResidents(3));
    }

    @AfterAll
    static void stopProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void withoutTheSettingTheStackHasNoBenchmarkResidents() {
        StackSettings settings = StackSettings.fromEnvironment(ServiceConfiguration.REPOSITORY, Map.of());

        assertTrue(settings.benchmarkResidents().isEmpty());
        assertEquals(List.of(), settings.benchmarkResidents().usernames());
        assertTrue(BenchmarkResidents.fromEnvironment(Map.of(BenchmarkResidents.VARIABLE, " ")).isEmpty());
    }

    @Test
    void theSettingNamesThatManyResidentsFromBench0001InOrder() {
        StackSettings settings = StackSettings.fromEnvironment(ServiceConfiguration.REPOSITORY,
                Map.of(BenchmarkResidents.VARIABLE, "300"));

        List<String> usernames = settings.benchmarkResidents().usernames();
        assertEquals(300, usernames.size());
        assertEquals("bench-0001", usernames.get(0));
        assertEquals("bench-0300", usernames.get(299));
        assertEquals(usernames.stream().sorted().toList(), usernames);
        assertEquals("bench-0001 to bench-0300", settings.benchmarkResidents().described());
    }

    @Test
    void everyBenchmarkResidentHasASubjectOfTheirOwnThatNoDemoUserHas() {
        BenchmarkResidents most = new BenchmarkResidents(BenchmarkResidents.MAX);
        Set<String> subjects = new HashSet<>();
        most.numbers().forEach(n -> subjects.add(BenchmarkResidents.subject(n)));

        assertEquals(BenchmarkResidents.MAX, subjects.size());
        subjects.forEach(subject -> assertTrue(subject.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"),
                subject));
        demoUsers.people().forEach(person -> assertFalse(subjects.contains(person.subject()), person.username()));
        assertFalse(demoUsers.people().stream().anyMatch(person -> most.usernames().contains(person.username())));
    }

    @Test
    void aStackWithBenchmarkResidentsButTheLaptopsJvmOptionsSaysWhichOptionsALoadTestWants() {
        String advice = StackSettings.fromEnvironment(ServiceConfiguration.REPOSITORY,
                Map.of(BenchmarkResidents.VARIABLE, "300")).loadTestAdvice().orElseThrow();
        assertTrue(advice.contains(StackSettings.SERVICE_JAVA_OPTIONS_VARIABLE + "=\""
                + StackSettings.LOAD_TEST_SERVICE_JAVA_OPTIONS + "\""), advice);
        assertFalse(StackSettings.LOAD_TEST_SERVICE_JAVA_OPTIONS.contains("TieredStopAtLevel"),
                "the load-test options keep the optimising compiler");

        // options chosen, or no load test: nothing to say
        assertTrue(StackSettings.fromEnvironment(ServiceConfiguration.REPOSITORY, Map.of(BenchmarkResidents.VARIABLE,
                "300", StackSettings.SERVICE_JAVA_OPTIONS_VARIABLE, StackSettings.LOAD_TEST_SERVICE_JAVA_OPTIONS))
                .loadTestAdvice().isEmpty());
        assertTrue(StackSettings.fromEnvironment(ServiceConfiguration.REPOSITORY, Map.of()).loadTestAdvice().isEmpty());
    }

    @Test
    void aValueThatIsNotANumberFromZeroToTheMaximumIsRefusedNamingTheSetting() {
        for (String value : List.of("many", "-1", String.valueOf(BenchmarkResidents.MAX + 1), "3.5")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> StackSettings.fromEnvironment(ServiceConfiguration.REPOSITORY,
                            Map.of(BenchmarkResidents.VARIABLE, value)));
            assertTrue(refused.getMessage().startsWith(BenchmarkResidents.VARIABLE + " must be a number from 0 to "
                    + BenchmarkResidents.MAX), refused.getMessage());
        }
    }

    @Test
    void aBenchmarkResidentGetsTheTokenOfAResidentOfWutongWithTheirOwnSubject() throws Exception {
        JsonNode demoResident = claims(tokenFor("li-mei").path("access_token").asText());
        JsonNode claims = claims(tokenFor("bench-0003").path("access_token").asText());

        assertEquals(BenchmarkResidents.subject(3), claims.path("sub").asText());
        assertEquals("bench-0003", claims.path("preferred_username").asText());
        assertEquals(BenchmarkResidents.COMMUNITY, claims.path("community").asText());
        assertEquals(demoResident.path("groups"), claims.path("groups"));
        assertEquals(demoResident.path("aud"), claims.path("aud"));
        assertEquals(demoResident.path("iss"), claims.path("iss"));
    }

    @Test
    void aNameBeyondTheBenchmarkResidentsIsRefusedNamingTheirRange() throws Exception {
        JsonNode refusal = tokenFor("bench-0004");

        assertEquals("invalid_grant", refusal.path("error").asText());
        String description = refusal.path("error_description").asText();
        assertTrue(description.startsWith("unknown user 'bench-0004': the demo users are li-mei, "), description);
        assertTrue(description.endsWith(", and the benchmark residents bench-0001 to bench-0003"), description);
    }

    private static JsonNode tokenFor(String username) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(provider.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + DemoUsers.APP_CLIENT
                        + "&username=" + username + "&password=" + DemoUsers.PASSWORD))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The token's payload, read without checking the signature (InfrastructureTest verifies it against the JWKS). */
    private static JsonNode claims(String token) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
