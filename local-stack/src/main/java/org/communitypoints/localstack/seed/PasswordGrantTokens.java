package org.communitypoints.localstack.seed;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.communitypoints.localstack.DemoUsers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tokens from the identity provider's token endpoint, as the mini-program gets them: the password grant
 * with the public client for people, the client-credentials grant for the reconciliation job. A token is
 * reused until a minute before it expires.
 */
public final class PasswordGrantTokens implements TokenSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Cached(String token, long expiresAtMillis) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String tokenEndpoint;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** @param tokenEndpoint e.g. http://localhost:8180/community/token (ask at localhost: it becomes the issuer) */
    public PasswordGrantTokens(String tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    @Override
    public String tokenFor(String username) throws IOException, InterruptedException {
        Cached cached = cache.get(username);
        if (cached != null && cached.expiresAtMillis() > System.currentTimeMillis() + 60_000) {
            return cached.token();
        }
        String form = username.equals(DemoUsers.RECONCILER_CLIENT)
                ? "grant_type=client_credentials&client_id=" + DemoUsers.RECONCILER_CLIENT + "&client_secret="
                        + DemoUsers.RECONCILER_SECRET
                : "grant_type=password&client_id=" + DemoUsers.APP_CLIENT + "&username="
                        + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=" + DemoUsers.PASSWORD;
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("No token for " + username + ": " + response.statusCode() + " " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        String token = body.path("access_token").asText(null);
        if (token == null) {
            throw new IOException("The token endpoint gave no access_token for " + username + ": " + response.body());
        }
        long lifetime = body.path("expires_in").asLong(300);
        cache.put(username, new Cached(token, System.currentTimeMillis() + lifetime * 1000));
        return token;
    }
}
