package org.communitypoints.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * A local OpenID Connect provider that issues real RS256-signed tokens shaped like the community
 * identity provider's: audience {@code community-points}, roles in {@code groups}, the community in
 * {@code community}, a partner's id in {@code partner}. Discovery and JWKS are served at the issuer URL,
 * so the services validate these tokens exactly as they would in production. The password grant refuses
 * a username that is not one of the demo users or the benchmark residents ({@link KnownUsersOnly}).
 */
public final class IdentityProvider implements AutoCloseable {

    /** The audience every service expects (OIDC_AUDIENCE). */
    public static final String AUDIENCE = "community-points";

    private final MockOAuth2Server server;
    private final int port;
    private final String issuerId;

    private IdentityProvider(MockOAuth2Server server, int port, String issuerId) {
        this.server = server;
        this.port = port;
        this.issuerId = issuerId;
    }

    /**
     * Starts the provider with the demo users of {@code mockOAuth2Config} (keycloak/mock-oauth2-server.json).
     * Its own HTTP server (okhttp's MockWebServer) serves, not the Netty one the file may name: the Quarkus
     * BOM pins Netty 4.1 and mock-oauth2-server's Netty server needs 4.2.
     */
    public static IdentityProvider start(int port, Path mockOAuth2Config) throws IOException {
        return start(port, mockOAuth2Config, BenchmarkResidents.NONE);
    }

    /** As above, also knowing the benchmark residents, each with the claims of a demo resident of their community. */
    public static IdentityProvider start(int port, Path mockOAuth2Config, BenchmarkResidents benchmarkResidents)
            throws IOException {
        ObjectNode config = (ObjectNode) new ObjectMapper().readTree(mockOAuth2Config.toFile());
        config.put("httpServer", "MockWebServerWrapper");
        addBenchmarkResidents(config, benchmarkResidents);
        OAuth2Config parsed = OAuth2Config.Companion.fromJson(config.toString());
        List<String> usernames = DemoUsers.read(mockOAuth2Config).people().stream().map(DemoUsers.Person::username).toList();
        Set<OAuth2TokenCallback> callbacks = new LinkedHashSet<>();
        parsed.getTokenCallbacks()
                .forEach(callback -> callbacks.add(new KnownUsersOnly(callback, usernames, benchmarkResidents)));
        MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(parsed.getInteractiveLogin(),
                parsed.getLoginPagePath(), parsed.getStaticAssetsPath(), parsed.getRotateRefreshToken(),
                parsed.getTokenProvider(), callbacks, parsed.getHttpServer()));
        server.start(InetAddress.getByName("127.0.0.1"), port);
        return new IdentityProvider(server, port, DemoUsers.issuerId(mockOAuth2Config));
    }

    /**
     * One request mapping per benchmark resident, copied from the file's first resident of
     * {@value BenchmarkResidents#COMMUNITY} with the name and subject changed: the same audience, client, role and
     * community claims as a demo resident's token, whatever the file says they are.
     */
    static void addBenchmarkResidents(ObjectNode config, BenchmarkResidents residents) throws IOException {
        if (residents.isEmpty()) {
            return;
        }
        ArrayNode mappings = (ArrayNode) config.path("tokenCallbacks").path(0).path("requestMappings");
        JsonNode template = null;
        for (JsonNode mapping : mappings) {
            JsonNode claims = mapping.path("claims");
            if (mapping.path("requestParam").asText().equals("username")
                    && claims.path("groups").path(0).asText().equals("resident")
                    && claims.path("community").asText().equals(BenchmarkResidents.COMMUNITY)) {
                template = mapping;
                break;
            }
        }
        if (template == null) {
            throw new IOException("the identity configuration has no resident of " + BenchmarkResidents.COMMUNITY
                    + " to model the benchmark residents on");
        }
        JsonNode model = template;
        residents.numbers().forEach(number -> {
            ObjectNode mapping = model.deepCopy();
            mapping.put("match", BenchmarkResidents.username(number));
            ObjectNode claims = (ObjectNode) mapping.path("claims");
            claims.put("sub", BenchmarkResidents.subject(number));
            claims.put("preferred_username", BenchmarkResidents.username(number));
            mappings.add(mapping);
        });
    }

    /**
     * The issuer URL the services are told (OIDC_AUTH_SERVER_URL). The provider writes the host a
     * client asked for into {@code iss}, so clients must ask for tokens at this very host: localhost.
     */
    public String issuerUrl() {
        return "http://localhost:" + port + "/" + issuerId;
    }

    public String tokenEndpoint() {
        return issuerUrl() + "/token";
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
