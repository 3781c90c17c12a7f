package org.communitypoints.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the suite under test runs and who calls it, from system properties (-Dgateway=... on the Maven command
 * line); the defaults are the local stack's. The demo residents are the local stack's seed.
 */
final class Suite {

    static final String GATEWAY = System.getProperty("gateway", "http://localhost:8080");
    /** points-service itself, for the side-by-side reads (the gateway's cost is the difference). */
    static final String POINTS_DIRECT = System.getProperty("points", "http://localhost:8082");
    static final String TOKEN_ENDPOINT = System.getProperty("tokenEndpoint", "http://localhost:8180/community/token");
    static final List<String> RESIDENTS = List.of(System.getProperty("residents", "li-mei,zhang-wei,wang-fang").split(","));
    /** Requests per second of each read (balance via gateway, balance direct...), all at once. */
    static final double READ_RATE = Double.parseDouble(System.getProperty("rate", "20"));
    static final Duration DURATION = Duration.ofSeconds(Long.parseLong(System.getProperty("seconds", "60")));
    /**
     * A ramp from 1 request a second up to the rate before the measured seconds, left out of the figures: the
     * services' first seconds (classes loading, code not compiled yet, pools filling) are not their steady state, and
     * at full rate on a cold suite they queue up more than the rest of the run can drain.
     */
    static final Duration WARMUP = Duration.ofSeconds(Long.parseLong(System.getProperty("warmup", "20")));
    /** Redemptions each resident makes one after another. */
    static final int REDEMPTIONS = Integer.parseInt(System.getProperty("redemptions", "20"));

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private Suite() {
    }

    /** A resident's access token, by the password grant of the mini-program's client (as the app gets it). */
    static String tokenFor(String username) {
        String form = "grant_type=password&client_id=" + System.getProperty("clientId", "mini-program") + "&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(System.getProperty("password", "demo"), StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(TOKEN_ENDPOINT))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("No token for " + username + " from " + TOKEN_ENDPOINT + ": "
                        + response.statusCode() + " " + response.body());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The token endpoint " + TOKEN_ENDPOINT + " cannot be reached: is the suite running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The machine's load averages (1, 5, 15 min) now: the figures mean little without them on a shared machine. */
    static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return "load average " + fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    /** The id of the first reward of the catalog with this kind, as the resident sees the catalog. */
    static String rewardOfKind(String token, String kind) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/catalog/rewards"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher reward = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"[^{}]*?\"kind\"\\s*:\\s*\"" + kind + "\"")
                    .matcher(response.body());
            if (response.statusCode() != 200 || !reward.find()) {
                throw new IllegalStateException("No " + kind + " reward in the catalog (is the demo data seeded?): "
                        + response.statusCode() + " " + response.body());
            }
            return reward.group(1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
