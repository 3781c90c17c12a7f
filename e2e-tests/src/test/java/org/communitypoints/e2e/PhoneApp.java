package org.communitypoints.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Requests through the gateway as the residents', grid workers' and partners' phones send them: with a
 * timeout, and on a timeout, a refused connection or a 5xx the same request again (with the same
 * Idempotency-Key) after a growing pause, until an answer that is not a passing failure comes. What a
 * fault costs the people is counted in {@link #failures()}.
 */
public final class PhoneApp {

    /** A request the phone gave up on: the suite never came back within the time a person would keep trying. */
    public static final class GaveUp extends RuntimeException {
        GaveUp(String message) {
            super(message);
        }
    }

    /** The answer the phone finally got, and when. */
    public record Answer(int status, JsonNode body, int attempts, Instant answeredAt) {

        public boolean is(int expected) {
            return status == expected;
        }

        public String code() {
            return body.path("code").asText("");
        }

        @Override
        public String toString() {
            return status + " " + body + " (after " + attempts + " attempts)";
        }
    }

    /** A timeout, a refused connection or a 5xx: the phone waits and tries again. */
    public record Failure(Instant at, String what) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 500 included: a service whose database connection just died answers 500 once, and a phone cannot tell. */
    private static final Set<Integer> PASSING = Set.of(500, 502, 503, 504);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private final Suite suite;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

    public PhoneApp(Suite suite) {
        this.suite = suite;
    }

    /** Every passing failure the phones met, in order. */
    public Queue<Failure> failures() {
        return failures;
    }

    /** Reads, trying again through passing failures for up to a minute. */
    public Answer get(String user, String path) {
        return send(user, "GET", path, null, null, Duration.ofSeconds(60));
    }

    /** One try only: for polling, where the next poll is the retry. */
    public Answer getOnce(String user, String path) {
        return send(user, "GET", path, null, null, Duration.ZERO);
    }

    /**
     * Sends until the suite answers something other than a passing failure, for at most {@code keepTrying}.
     *
     * @param idempotencyKey sent with every try, so the suite does it once however often the phone asks
     */
    public Answer send(String user, String method, String path, Object body, String idempotencyKey, Duration keepTrying) {
        Instant giveUpAt = Instant.now().plus(keepTrying);
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1;; attempt++) {
            String failure;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path))
                        .timeout(TIMEOUT)
                        .header("Authorization", "Bearer " + suite.tokens().tokenFor(user))
                        .header("Accept", "application/json")
                        .header("Content-Type", "application/json");
                if (idempotencyKey != null) {
                    request.header("Idempotency-Key", idempotencyKey);
                }
                request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (!PASSING.contains(response.statusCode())) {
                    return new Answer(response.statusCode(), parse(response.body()), attempt, Instant.now());
                }
                failure = method + " " + path + ": " + response.statusCode() + " " + abbreviate(response.body());
            } catch (IOException e) {
                failure = method + " " + path + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GaveUp(method + " " + path + ": interrupted");
            }
            failures.add(new Failure(Instant.now(), failure));
            if (!Instant.now().plus(pause).isBefore(giveUpAt)) {
                throw new GaveUp(failure + " (gave up after " + attempt + " attempts)");
            }
            try {
                Thread.sleep(pause.toMillis()); // a phone's back-off between taps, not a wait for a condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GaveUp(method + " " + path + ": interrupted");
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
