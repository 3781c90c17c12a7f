package org.communitypoints.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * A local OpenID Connect provider that issues real RS256-signed tokens shaped like the community
 * identity provider's: audience {@code community-points}, roles in {@code groups}, the community in
 * {@code community}, a partner's id in {@code partner}. Discovery and JWKS are served at the issuer URL,
 * so the services validate these tokens exactly as they would in production.
 */
public final class IdentityProvider implements AutoCloseable {

    /** The issuer path: tokens come from http://localhost:PORT/community. */
    public static final String ISSUER_ID = "community";
    public static final String AUDIENCE = "community-points";
    public static final long TOKEN_LIFETIME_SECONDS = 8 * 3600;

    private final MockOAuth2Server server;
    private final int port;

    private IdentityProvider(MockOAuth2Server server, int port) {
        this.server = server;
        this.port = port;
    }

    public static IdentityProvider start(int port) throws IOException {
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(configJson()));
        server.start(InetAddress.getByName("127.0.0.1"), port);
        return new IdentityProvider(server, port);
    }

    /**
     * The issuer URL the services are told (OIDC_AUTH_SERVER_URL). The provider writes the host a
     * client asked for into {@code iss}, so clients must ask for tokens at this very host: localhost.
     */
    public String issuerUrl() {
        return "http://localhost:" + port + "/" + ISSUER_ID;
    }

    public String tokenEndpoint() {
        return issuerUrl() + "/token";
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** mock-oauth2-server configuration: one request mapping per demo user, matched on the form parameters. */
    static String configJson() {
        List<Map<String, Object>> mappings = new ArrayList<>();
        for (DemoUsers.Person person : DemoUsers.PEOPLE) {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("sub", person.username());
            claims.put("aud", List.of(AUDIENCE));
            claims.put("preferred_username", person.username());
            claims.put("groups", List.of(person.role()));
            claims.put("community", DemoUsers.COMMUNITY);
            if (person.partner() != null) {
                claims.put("partner", person.partner());
            }
            mappings.add(mapping("username", person.username(), claims));
        }
        Map<String, Object> reconciler = new LinkedHashMap<>();
        reconciler.put("sub", DemoUsers.RECONCILER_SUBJECT);
        reconciler.put("aud", List.of(AUDIENCE));
        reconciler.put("groups", List.of("reconciler"));
        mappings.add(mapping("client_id", DemoUsers.RECONCILER_CLIENT, reconciler));

        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("issuerId", ISSUER_ID);
        callback.put("tokenExpiry", TOKEN_LIFETIME_SECONDS);
        callback.put("requestMappings", mappings);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("interactiveLogin", false);
        config.put("httpServer", "MockWebServerWrapper");
        config.put("tokenCallbacks", List.of(callback));
        try {
            return new ObjectMapper().writeValueAsString(config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> mapping(String requestParam, String match, Map<String, Object> claims) {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("requestParam", requestParam);
        mapping.put("match", match);
        mapping.put("claims", claims);
        return mapping;
    }
}
