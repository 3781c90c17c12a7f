package org.communitypoints.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Real Keycloak tokens for whatever user a test names: the user is created (or re-created with other
 * claims) through the admin REST API with the requested realm roles and {@code community}/{@code partner}
 * attributes, which the realm's mappers put into the token, then a password grant fetches the token.
 * The user's Keycloak id is the test's subject, so {@code sub} is the member id the test chose.
 */
final class KeycloakTokens {

    static final String REALM = "community";
    /** The public client of the realm that allows the password grant. */
    private static final String CLIENT = "mini-program";
    private static final String RECONCILER_CLIENT = "reconciler";
    private static final String RECONCILER_SECRET = "reconciler-demo-secret";
    private static final String PASSWORD = "test-password";
    /** Shorter than the realm's 900 s token lifespan, so a cached token is never handed out expired. */
    private static final Duration REUSE = Duration.ofMinutes(10);
    private static final String URL_PROPERTY = "test-support.keycloak.url";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    /** What a test asks for; {@code null} community or partner leaves the attribute out. */
    record User(String subject, String community, String partner, Set<String> roles) {
    }

    private record Issued(String token, long obtainedAt) {
        boolean fresh() {
            return System.nanoTime() - obtainedAt < REUSE.toNanos();
        }
    }

    private static KeycloakTokens shared;

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Set<String> knownRoles = new HashSet<>(List.of("resident", "grid-worker", "staff", "partner", "reconciler"));
    private final Map<String, User> createdUsers = new HashMap<>();
    private final Map<Object, Issued> tokens = new HashMap<>();

    private KeycloakTokens(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * The Keycloak of this JVM. Its URL is kept in a system property because Quarkus tests may load this
     * class twice (test resources and test code): both copies must use the one container.
     */
    static synchronized KeycloakTokens shared() {
        if (shared == null) {
            String url = System.getProperty(URL_PROPERTY);
            if (url == null) {
                url = Containers.keycloakUrl();
                System.setProperty(URL_PROPERTY, url);
            }
            shared = new KeycloakTokens(url);
        }
        return shared;
    }

    String baseUrl() {
        return baseUrl;
    }

    synchronized String accessToken(User user) {
        Issued cached = tokens.get(user);
        if (cached != null && cached.fresh()) {
            return cached.token();
        }
        if (!user.equals(createdUsers.get(user.subject()))) {
            String admin = adminToken();
            createMissingRoles(admin, user.roles());
            importUser(admin, user);
            createdUsers.put(user.subject(), user);
        }
        String token = grant(Map.of("grant_type", "password", "client_id", CLIENT,
                "username", username(user.subject()), "password", PASSWORD, "scope", "openid"));
        tokens.put(user, new Issued(token, System.nanoTime()));
        return token;
    }

    /** The reconciliation job's token: the client-credentials grant of its service account, as in production. */
    synchronized String reconcilerToken() {
        Issued cached = tokens.get(RECONCILER_CLIENT);
        if (cached != null && cached.fresh()) {
            return cached.token();
        }
        String token = grant(Map.of("grant_type", "client_credentials", "client_id", RECONCILER_CLIENT,
                "client_secret", RECONCILER_SECRET));
        tokens.put(RECONCILER_CLIENT, new Issued(token, System.nanoTime()));
        return token;
    }

    private void createMissingRoles(String admin, Set<String> roles) {
        Set<String> missing = new TreeSet<>(roles);
        missing.removeAll(knownRoles);
        if (missing.isEmpty()) {
            return;
        }
        String realmRoles = missing.stream().map(role -> "{\"name\":" + json(role) + "}").collect(Collectors.joining(","));
        partialImport(admin, "{\"ifResourceExists\":\"SKIP\",\"roles\":{\"realm\":[" + realmRoles + "]}}");
        knownRoles.addAll(missing);
    }

    /** Partial import keeps the id we give (the admin API's create would choose its own) and replaces an older version. */
    private void importUser(String admin, User user) {
        StringBuilder attributes = new StringBuilder();
        if (user.community() != null) {
            attributes.append("\"community\":[").append(json(user.community())).append("]");
        }
        if (user.partner() != null) {
            attributes.append(attributes.length() > 0 ? "," : "").append("\"partner\":[").append(json(user.partner()))
                    .append("]");
        }
        String roles = user.roles().stream().map(KeycloakTokens::json).collect(Collectors.joining(","));
        // The realm's user profile requires e-mail and names, or the password grant answers "Account is not fully set up".
        String representation = "{\"id\":" + json(user.subject())
                + ",\"username\":" + json(username(user.subject()))
                + ",\"enabled\":true,\"emailVerified\":true"
                + ",\"email\":"
                + json(UUID.nameUUIDFromBytes(user.subject().getBytes(StandardCharsets.UTF_8)) + "@test.example.org")
                + ",\"firstName\":\"Test\",\"lastName\":\"User\""
                + ",\"attributes\":{" + attributes + "}"
                + ",\"credentials\":[{\"type\":\"password\",\"value\":" + json(PASSWORD) + ",\"temporary\":false}]"
                + ",\"realmRoles\":[" + roles + "]}";
        partialImport(admin, "{\"ifResourceExists\":\"OVERWRITE\",\"users\":[" + representation + "]}");
    }

    private void partialImport(String admin, String body) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + REALM + "/partialImport"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Admin tokens live for a minute: a fresh one for each change. */
    private String adminToken() {
        String body = form(Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", Containers.KEYCLOAK_ADMIN, "password", Containers.KEYCLOAK_ADMIN_PASSWORD));
        return accessTokenIn(send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    private String grant(Map<String, String> parameters) {
        return accessTokenIn(
                send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + REALM + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(parameters))).build()));
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Keycloak answered " + response.statusCode() + " to " + request.method() + " "
                        + request.uri().getPath() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak did not answer " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String accessTokenIn(String body) {
        Matcher matcher = ACCESS_TOKEN.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("No access_token in Keycloak's answer: " + body);
        }
        return matcher.group(1);
    }

    /** Prefixed so a test's subject never collides with a demo user of the realm ("li-mei"). */
    private static String username(String subject) {
        return "test-" + subject.toLowerCase(java.util.Locale.ROOT);
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
