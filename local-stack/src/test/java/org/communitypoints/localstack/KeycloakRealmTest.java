package org.communitypoints.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * docker-compose's Keycloak realm gives the same people the same claims as the local stack's OIDC
 * provider: roles in {@code groups}, {@code community}, {@code partner}, audience community-points.
 */
class KeycloakRealmTest {

    private static JsonNode realm;

    @BeforeAll
    static void readRealm() throws IOException {
        realm = new ObjectMapper().readTree(Path.of("keycloak/community-realm.json").toFile());
    }

    @Test
    void everyDemoPersonIsAUserWithRoleCommunityPartnerAndPassword() {
        for (DemoUsers.Person person : DemoUsers.PEOPLE) {
            JsonNode user = user(person.username());
            assertEquals(person.username(), user.get("id").asText(), "the subject is the user name");
            assertEquals(List.of(person.role()), texts(user.get("realmRoles")));
            assertEquals(List.of(DemoUsers.COMMUNITY), texts(user.at("/attributes/community")));
            assertEquals(person.partner() == null ? List.of() : List.of(person.partner()), texts(user.at("/attributes/partner")));
            assertEquals(person.username(), user.at("/credentials/0/value").asText());
            // Keycloak refuses the password grant for users without these ("Account is not fully set up").
            for (String field : List.of("email", "firstName", "lastName")) {
                assertTrue(user.hasNonNull(field), person.username() + " has " + field);
            }
            assertTrue(user.get("emailVerified").asBoolean());
        }
    }

    @Test
    void appClientAllowsThePasswordGrantAndMapsTheClaimsTheServicesRead() {
        JsonNode app = client(DemoUsers.APP_CLIENT);
        assertTrue(app.get("publicClient").asBoolean());
        assertTrue(app.get("directAccessGrantsEnabled").asBoolean());
        assertEquals(Set.of("community-points"), audiences(app));
        assertEquals(Set.of("groups", "community", "partner"), claimNames(app));
    }

    @Test
    void reconcilerIsAServiceAccountWithTheReconcilerRoleAndNoCommunity() {
        JsonNode reconciler = client(DemoUsers.RECONCILER_CLIENT);
        assertTrue(reconciler.get("serviceAccountsEnabled").asBoolean());
        assertEquals(Set.of("community-points"), audiences(reconciler));
        assertEquals(Set.of("groups"), claimNames(reconciler));

        JsonNode account = user(DemoUsers.RECONCILER_SUBJECT);
        assertEquals(DemoUsers.RECONCILER_CLIENT, account.get("serviceAccountClientId").asText());
        assertEquals(List.of("reconciler"), texts(account.get("realmRoles")));
        assertTrue(account.at("/attributes/community").isMissingNode());
    }

    @Test
    void userProfileDeclaresCommunityAndPartnerSoKeycloakKeepsThem() {
        String profile = realm.at("/components/org.keycloak.userprofile.UserProfileProvider/0/config/kc.user.profile.config/0").asText();
        assertTrue(profile.contains("\"name\":\"community\"") && profile.contains("\"name\":\"partner\""), profile);
    }

    @Test
    void everyRoleOfTheSuiteIsARealmRole() {
        Set<String> roles = new TreeSet<>();
        realm.at("/roles/realm").forEach(role -> roles.add(role.get("name").asText()));
        assertEquals(new TreeSet<>(List.of("resident", "grid-worker", "staff", "partner", "reconciler")), roles);
    }

    private static JsonNode user(String username) {
        for (JsonNode user : realm.get("users")) {
            if (user.get("username").asText().equals(username)) {
                return user;
            }
        }
        throw new AssertionError("no user " + username + " in the realm");
    }

    private static JsonNode client(String clientId) {
        for (JsonNode client : realm.get("clients")) {
            if (client.get("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm");
    }

    private static Set<String> audiences(JsonNode client) {
        Set<String> audiences = new TreeSet<>();
        client.get("protocolMappers").forEach(mapper -> {
            if (mapper.get("protocolMapper").asText().equals("oidc-audience-mapper")) {
                audiences.add(mapper.at("/config/included.custom.audience").asText());
            }
        });
        return audiences;
    }

    private static Set<String> claimNames(JsonNode client) {
        Set<String> claims = new TreeSet<>();
        client.get("protocolMappers").forEach(mapper -> {
            JsonNode claim = mapper.at("/config/claim.name");
            if (!claim.isMissingNode() && mapper.at("/config/access.token.claim").asText().equals("true")) {
                claims.add(claim.asText());
            }
        });
        return claims;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null && !array.isMissingNode()) {
            array.forEach(value -> values.add(value.asText()));
        }
        return values;
    }
}
