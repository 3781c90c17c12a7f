package org.communitypoints.localstack.seed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON calls to the suite's public API through the gateway, as a given demo user. A 429 (the gateway's
 * per-user rate limit) or a brief 503 is asked again after the time the gateway names; any other refusal
 * is an {@link IOException} carrying the problem body, so the caller sees the service's own words.
 */
public final class GatewayCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 8;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gatewayUrl;
    private final TokenSource tokens;

    public GatewayCalls(String gatewayUrl, TokenSource tokens) {
        this.gatewayUrl = gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
        this.tokens = tokens;
    }

    public JsonNode get(String user, String path) throws IOException, InterruptedException {
        return send(user, "GET", path, null, null, null);
    }

    /** A GET as a proxy for the resident {@code memberId} (the On-Behalf-Of header). */
    public JsonNode getOnBehalfOf(String user, String path, String memberId) throws IOException, InterruptedException {
        return send(user, "GET", path, null, null, memberId);
    }

    public JsonNode post(String user, String path, Object body, String idempotencyKey)
            throws IOException, InterruptedException {
        return send(user, "POST", path, body, idempotencyKey, null);
    }

    public JsonNode put(String user, String path) throws IOException, InterruptedException {
        return send(user, "PUT", path, null, null, null);
    }

    public JsonNode put(String user, String path, Object body) throws IOException, InterruptedException {
        return send(user, "PUT", path, body, null, null);
    }

    /** The subject of the user's token: the member id every service knows them by. */
    public String subjectOf(String user) throws IOException, InterruptedException {
        String[] parts = tokens.tokenFor(user).split("\\.");
        return JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1])).path("sub").asText();
    }

    private JsonNode send(String user, String method, String path, Object body, String idempotencyKey,
            String onBehalfOf) throws IOException, InterruptedException {
        String json = body == null ? null : JSON.writeValueAsString(body);
        for (int attempt = 1;; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + tokens.tokenFor(user))
                    .header("Accept", "application/json");
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            if (onBehalfOf != null) {
                request.header("On-Behalf-Of", onBehalfOf);
            }
            if (json != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if ((status == 429 || status == 503) && attempt < ATTEMPTS) {
                long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Math.min(10, Math.max(1, wait)) * 1000L); // honour Retry-After, at most 10 s
                continue;
            }
            if (status >= 300) {
                throw new IOException(method + " " + path + " as " + user + " answered " + status + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        }
    }
}
