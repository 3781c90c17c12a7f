package org.communitypoints.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The token commands the launcher prints (client ids, secret, password) also work against the Keycloak
 * realm docker-compose imports, for every demo user the local provider knows.
 */
class KeycloakRealmTest {

    private static final Path KEYCLOAK = Path.of("..", "keycloak");
    private static JsonNode realm;

    @BeforeAll
    static void readRealm() throws IOException {
        realm = new ObjectMapper().readTree(KEYCLOAK.resolve("community-realm.json").toFile());
    }

    @Test
    void appClientIsPublicAndAllowsThePasswordGrant() {
        JsonNode app = client(DemoUsers.APP_CLIENT);
        assertTrue(app.path("publicClient").asBoolean());
        assertTrue(app.path("directAccessGrantsEnabled").asBoolean());
    }

    @Test
    void reconcilerClientHasTheSecretThePrintedCommandUses() {
        JsonNode reconciler = client(DemoUsers.RECONCILER_CLIENT);
        assertTrue(reconciler.path("serviceAccountsEnabled").asBoolean());
        assertEquals(DemoUsers.RECONCILER_SECRET, reconciler.path("secret").asText());
    }

    @Test
    void everyDemoPersonOfTheLocalProviderHasThePrintedPasswordInTheRealm() throws IOException {
        DemoUsers users = DemoUsers.read(KEYCLOAK.resolve("mock-oauth2-server.json"));
        assertTrue(users.people().size() >= 7, "residents, grid worker, staff and partners: " + users.people());
        for (DemoUsers.Person person : users.people()) {
            JsonNode user = user(person.username());
            assertEquals(person.subject(), user.path("id").asText(), person.username() + " has the same subject");
            assertEquals(DemoUsers.PASSWORD, user.at("/credentials/0/value").asText(), person.username());
        }
    }

    private static JsonNode client(String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm");
    }

    private static JsonNode user(String username) {
        for (JsonNode user : realm.path("users")) {
            if (user.path("username").asText().equals(username)) {
                return user;
            }
        }
        throw new AssertionError("no user " + username + " in the realm");
    }
}
