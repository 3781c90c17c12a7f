package org.communitypoints.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where the suite under test runs and who calls it, from system properties (-Dgateway=... on the Maven command
 * line); the defaults are the local stack's. The demo residents are the local stack's seed.
 */
final class Suite {

    static final String GATEWAY = System.getProperty("gateway", "http://localhost:8080");
    /** points-service itself, for the side-by-side reads (the gateway's cost is the difference). */
    static final String POINTS_DIRECT = System.getProperty("points", "http://localhost:8082");
    static final String TOKEN_ENDPOINT = System.getProperty("tokenEndpoint", "http://localhost:8180/community/token");
    /** See {@link #residents(String)}. */
    static final List<String> RESIDENTS = residents(System.getProperty("residents", "li-mei,zhang-wei,wang-fang"));
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private Suite() {
    }

    /**
     * The residents of {@code -Dresidents}: usernames separated by commas, where {@code bench:N} stands for the local
     * stack's benchmark residents bench-0001 … bench-N (started with LOCAL_STACK_BENCHMARK_RESIDENTS=N or more; the
     * names are local-stack's {@code BenchmarkResidents.username}). A saga's events are keyed by the resident, so a
     * high rate needs many of them to spread over the topics' partitions.
     */
    static List<String> residents(String spec) {
        List<String> names = new ArrayList<>();
        for (String item : spec.split(",")) {
            String name = item.trim();
            if (name.startsWith("bench:")) {
                int count = Integer.parseInt(name.substring("bench:".length()).trim());
                for (int number = 1; number <= count; number++) {
                    names.add(String.format(Locale.ROOT, "bench-%04d", number));
                }
            } else if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("-Dresidents names no resident: '" + spec + "'");
        }
        return List.copyOf(names);
    }

    /** Every resident's token, asked for one after another: once, before the load starts. */
    static List<String> tokensFor(List<String> usernames) {
        return usernames.stream().map(Suite::tokenFor).toList();
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

    /**
     * The gateway's kept "my home" views answered so far and fetched from the services so far ({@code {hits, misses}},
     * from its metrics), or null when it publishes none: a figure for "my home" means little without its hit ratio.
     */
    static long[] homeViewGets() {
        try {
            String metrics = HTTP
                    .send(HttpRequest.newBuilder(URI.create(GATEWAY + "/q/metrics")).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            long[] gets = new long[2];
            boolean found = false;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("cache_gets_total{") && line.contains("cache=\"home_views\"")) {
                    long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    gets[line.contains("result=\"hit\"") ? 0 : 1] += value;
                    found = true;
                }
            }
            return found ? gets : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A reward as the resident's catalog shows it; {@code left} is the meals left today (null when not counted). */
    record Reward(String id, String title, Integer dailyQuota, Integer left, long points) {
    }

    /**
     * The canteen meal a saga benchmark redeems: the one titled {@code -Dmeal} when given, else the one with the largest
     * daily quota, the cheapest of those (the local stack's 1-point benchmark meal when its benchmark residents are
     * seeded: a run at 200 redemptions a second holds more meals at once than the demo lunch's 50 a day, and each
     * resident holds up to 20 of them until the cancellation phase after the run).
     */
    static Reward meal(String token) {
        String wanted = System.getProperty("meal");
        try {
            HttpResponse<String> response = HTTP
                    .send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/catalog/rewards?kind=MEAL"))
                            .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The catalog answered " + response.statusCode() + ": " + response.body());
            }
            Reward best = null;
            for (JsonNode reward : JSON.readTree(response.body())) {
                Reward meal = new Reward(reward.path("id").asText(), reward.path("title").asText(),
                        reward.hasNonNull("dailyQuota") ? reward.get("dailyQuota").asInt() : null,
                        reward.hasNonNull("left") ? reward.get("left").asInt() : null, reward.path("points").asLong());
                if (!reward.path("kind").asText().equals("MEAL")) {
                    continue;
                }
                if (wanted != null ? meal.title().equals(wanted)
                        : best == null || quota(meal) > quota(best)
                                || quota(meal) == quota(best) && meal.points() < best.points()) {
                    best = meal;
                }
            }
            if (best == null) {
                throw new IllegalStateException("No canteen meal " + (wanted == null ? "" : "titled '" + wanted + "' ")
                        + "in the catalog (is the demo data seeded?): " + response.body());
            }
            return best;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int quota(Reward meal) {
        return meal.dailyQuota() == null ? 0 : meal.dailyQuota();
    }
}
