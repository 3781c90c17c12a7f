package org.communitypoints.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Keycloak realm and the lightweight mock-oauth2-server config describe the same users with the
 * same claims, so demo data and scripts work against either.
 */
class IdentityProviderConfigTest {

    private static final Path DIR = Path.of("..", "keycloak");
    private static final Set<String> SUITE_ROLES = Set.of("resident", "grid-worker", "staff", "partner", "reconciler",
            "operator");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void realmHasTheRolesClientsAndMappersTheServicesRelyOn() throws IOException {
        JsonNode realm = json.readTree(DIR.resolve("community-realm.json").toFile());
        assertEquals("community", realm.path("realm").asText());
        Set<String> roles = new HashSet<>();
        realm.path("roles").path("realm").forEach(role -> roles.add(role.path("name").asText()));
        assertTrue(roles.containsAll(SUITE_ROLES), "realm roles " + roles);

        Map<String, JsonNode> clients = new HashMap<>();
        realm.path("clients").forEach(client -> clients.put(client.path("clientId").asText(), client));
        assertTrue(clients.get("mini-program").path("publicClient").asBoolean());
        assertEquals("S256", clients.get("mini-program").path("attributes").path("pkce.code.challenge.method").asText());
        assertTrue(clients.containsKey("grid-app"));
        // The web console served by the gateway logs in from the page: public, PKCE, back to the gateway only.
        JsonNode console = clients.get("web-console");
        assertTrue(console.path("publicClient").asBoolean() && !console.path("directAccessGrantsEnabled").asBoolean());
        assertEquals("S256", console.path("attributes").path("pkce.code.challenge.method").asText());
        assertEquals("http://localhost:8080/*", console.path("redirectUris").get(0).asText());
        JsonNode reconciler = clients.get("reconciler");
        assertTrue(!reconciler.path("publicClient").asBoolean() && reconciler.path("serviceAccountsEnabled").asBoolean());

        for (JsonNode client : clients.values()) {
            Map<String, JsonNode> mappers = new HashMap<>();
            client.path("protocolMappers").forEach(m -> mappers.put(m.path("protocolMapper").asText()
                    + ":"
                    + m.path("config").path("claim.name").asText(m.path("config").path("included.custom.audience").asText()),
                    m));
            assertNotNull(mappers.get("oidc-usermodel-realm-role-mapper:groups"), client.path("clientId") + " groups");
            assertNotNull(mappers.get("oidc-usermodel-attribute-mapper:community"), client.path("clientId") + " community");
            assertNotNull(mappers.get("oidc-usermodel-attribute-mapper:partner"), client.path("clientId") + " partner");
            assertNotNull(mappers.get("oidc-audience-mapper:community-points"), client.path("clientId") + " audience");
        }
    }

    @Test
    void mockServerGivesEveryRealmUserTheSameClaims() throws IOException {
        JsonNode realm = json.readTree(DIR.resolve("community-realm.json").toFile());
        JsonNode mock = json.readTree(DIR.resolve("mock-oauth2-server.json").toFile());
        Map<String, JsonNode> mapped = new HashMap<>();
        mock.path("tokenCallbacks").get(0).path("requestMappings")
                .forEach(m -> mapped.put(m.path("requestParam").asText() + "=" + m.path("match").asText(), m.path("claims")));

        int users = 0;
        for (JsonNode user : realm.path("users")) {
            JsonNode claims = user.has("serviceAccountClientId") ? mapped.get("grant_type=client_credentials")
                    : mapped.get("username=" + user.path("username").asText());
            assertNotNull(claims, "no mock mapping for " + user.path("username"));
            assertEquals(user.path("id").asText(), claims.path("sub").asText(), "sub of " + user.path("username"));
            Set<String> realmRoles = new HashSet<>();
            user.path("realmRoles").forEach(r -> realmRoles.add(r.asText()));
            realmRoles.retainAll(SUITE_ROLES);
            Set<String> groups = new HashSet<>();
            claims.path("groups").forEach(g -> groups.add(g.asText()));
            assertEquals(realmRoles, groups, "roles of " + user.path("username"));
            assertEquals(user.path("attributes").path("community").path(0).asText(""), claims.path("community").asText(""));
            assertEquals(user.path("attributes").path("partner").path(0).asText(""), claims.path("partner").asText(""));
            assertTrue(claims.path("aud").toString().contains("community-points"));
            if (!user.has("serviceAccountClientId")) {
                assertTrue(user.path("emailVerified").asBoolean() && user.has("email") && user.has("firstName")
                        && user.has("lastName") && user.path("credentials").size() == 1,
                        user.path("username") + " must be fully set up for the password grant");
            }
            users++;
        }
        assertEquals(users, mapped.size());
    }
}
