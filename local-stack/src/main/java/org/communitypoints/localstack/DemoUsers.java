package org.communitypoints.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The demo people and the reconciliation job, as keycloak/mock-oauth2-server.json describes them (the
 * same users as keycloak/community-realm.json, which docker-compose's Keycloak imports).
 *
 * @param people who logs in with the password grant
 * @param reconciler the client-credentials service account
 * @param tokenLifetime seconds a token is valid
 */
public record DemoUsers(List<Person> people, Person reconciler, long tokenLifetime) {

    /** The client the mini-program and curl use for the password grant (a public client in the realm). */
    public static final String APP_CLIENT = "mini-program";
    /** Every demo person's password in the Keycloak realm (the local provider accepts any). */
    public static final String PASSWORD = "demo";
    public static final String RECONCILER_CLIENT = "reconciler";
    public static final String RECONCILER_SECRET = "reconciler-demo-secret";

    /**
     * A user and the claims of their tokens.
     *
     * @param community null for the service account
     * @param partner the partner id of partner staff, else null
     */
    public record Person(String username, String subject, String role, String community, String partner) {
    }

    public static DemoUsers read(Path mockOAuth2Config) throws IOException {
        JsonNode config = new ObjectMapper().readTree(mockOAuth2Config.toFile());
        JsonNode callback = config.path("tokenCallbacks").path(0);
        List<Person> people = new ArrayList<>();
        Person reconciler = null;
        for (JsonNode mapping : callback.path("requestMappings")) {
            JsonNode claims = mapping.path("claims");
            String parameter = mapping.path("requestParam").asText();
            if (parameter.equals("username")) {
                people.add(person(mapping.path("match").asText(), claims));
            } else if (parameter.equals("grant_type") && mapping.path("match").asText().equals("client_credentials")) {
                reconciler = person(claims.path("preferred_username").asText(RECONCILER_CLIENT), claims);
            }
        }
        if (people.isEmpty() || reconciler == null) {
            throw new IOException(mockOAuth2Config + " names no users or no client-credentials mapping");
        }
        return new DemoUsers(List.copyOf(people), reconciler, callback.path("tokenExpiry").asLong(900));
    }

    /** The issuer id (path of the issuer URL) the config's token callback is for. */
    public static String issuerId(Path mockOAuth2Config) throws IOException {
        return new ObjectMapper().readTree(mockOAuth2Config.toFile()).path("tokenCallbacks").path(0).path("issuerId")
                .asText("community");
    }

    private static Person person(String username, JsonNode claims) {
        return new Person(username, claims.path("sub").asText(username), claims.path("groups").path(0).asText(),
                text(claims, "community"), text(claims, "partner"));
    }

    private static String text(JsonNode claims, String name) {
        return claims.hasNonNull(name) ? claims.get(name).asText() : null;
    }
}
