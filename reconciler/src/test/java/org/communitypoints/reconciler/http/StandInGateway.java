package org.communitypoints.reconciler.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import org.communitypoints.contracts.export.BalanceExport;
import org.communitypoints.contracts.export.BalanceRow;
import org.communitypoints.contracts.export.ExportPage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the gateway and the realm's token endpoint: serves the exports as the contract records
 * ({@code org.communitypoints.contracts.export}) with the services' cursor paging, and refuses any request without the bearer
 * token it issued
 * to the reconciler client. Records every export request so tests can see which cursor was asked for.
 */
public final class StandInGateway {

    public static final String CLIENT_ID = "reconciler";
    public static final String CLIENT_SECRET = "reconciler-secret";
    public static final String TOKEN_PATH = "/realms/community/protocol/openid-connect/token";

    private static final ObjectMapper JSON = ExportJson.MAPPER;
    /** The prefix of the unconfirmed-request export's cursors, before the position of the last item read. */
    public static final String UNCONFIRMED_CURSOR = "refused-";
    private static final java.time.LocalDate FULFILMENT_DAY = java.time.LocalDate.of(2026, 11, 1);

    private final HttpServer server;
    private final String token;
    public final List<ObjectNode> journal = new CopyOnWriteArrayList<>();
    public final List<ObjectNode> shifts = new CopyOnWriteArrayList<>();
    public final List<ObjectNode> redemptions = new CopyOnWriteArrayList<>();
    /** points-service's refusals of redemption requests nothing confirmed; none unless a test adds them. */
    public final List<ObjectNode> unconfirmedRequests = new CopyOnWriteArrayList<>();
    public final List<ObjectNode> balances = new CopyOnWriteArrayList<>();
    public final Map<String, ObjectNode> settlements = new HashMap<>();
    /** The hash chain's links and the signed seals ({@code ChainFixtures}); none unless a test adds them. */
    public final List<ObjectNode> chain = new CopyOnWriteArrayList<>();
    public final List<ObjectNode> seals = new CopyOnWriteArrayList<>();
    public volatile ObjectNode sealKey;
    /** The run results posted to points-service, each with the Idempotency-Key it came with. */
    public final List<JsonNode> reportedRuns = new CopyOnWriteArrayList<>();
    public final List<String> reportedRunKeys = new CopyOnWriteArrayList<>();
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public volatile boolean refuseClients;
    public volatile int exportStatus = 200;
    public volatile boolean settlementForbidden;
    /** How many export requests to answer 429 (Retry-After: 1) before serving again. */
    public final java.util.concurrent.atomic.AtomicInteger throttleNext = new java.util.concurrent.atomic.AtomicInteger();

    public StandInGateway(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
    }

    public void clear() {
        journal.clear();
        shifts.clear();
        redemptions.clear();
        unconfirmedRequests.clear();
        balances.clear();
        settlements.clear();
        chain.clear();
        seals.clear();
        sealKey = null;
        reportedRuns.clear();
        reportedRunKeys.clear();
        requests.clear();
        refuseClients = false;
        exportStatus = 200;
        settlementForbidden = false;
        throttleNext.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String path = uri.getPath();
            if (path.equals(TOKEN_PATH)) {
                issueToken(exchange);
                return;
            }
            if (path.equals("/realms/community/.well-known/openid-configuration")) {
                send(exchange, 200, JSON.createObjectNode().put("issuer", url() + "/realms/community")
                        .put("token_endpoint", url() + TOKEN_PATH));
                return;
            }
            requests.add(uri.toString());
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, problem(401, "UNAUTHENTICATED"));
                return;
            }
            if (path.equals("/api/points/reconciliation-runs") && exchange.getRequestMethod().equals("POST")) {
                reportedRunKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                JsonNode run = JSON.readTree(exchange.getRequestBody());
                reportedRuns.add(run);
                send(exchange, 201, JSON.createObjectNode().put("runId", run.get("runId").asText()));
                return;
            }
            if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                send(exchange, 429, problem(429, "TOO_MANY_REQUESTS"));
                return;
            }
            if (exportStatus != 200) {
                send(exchange, exportStatus, problem(exportStatus, "UNAVAILABLE"));
                return;
            }
            Map<String, String> query = query(uri.getRawQuery());
            switch (path) {
                // The paged exports' cursors differ in form (opaque to the reader), as the real ones do.
                case "/api/points/exports/journal" -> send(exchange, 200, page(journal, query, "1000-"));
                case "/api/activity/exports/shifts" -> send(exchange, 200, page(shifts, query, "2000:"));
                case "/api/catalog/exports/redemptions" -> send(exchange, 200, page(redemptions, query, ""));
                case "/api/points/exports/unconfirmed-requests" ->
                    send(exchange, 200, page(unconfirmedRequests, query, UNCONFIRMED_CURSOR));
                case "/api/points/exports/chain" -> send(exchange, 200, page(chain, query, ""));
                case "/api/points/exports/seals" -> send(exchange, 200, JSON.valueToTree(seals));
                case "/api/points/seal-key" -> send(exchange, sealKey == null ? 404 : 200,
                        sealKey == null ? problem(404, "SEAL_KEY_NOT_SET") : sealKey);
                case "/api/points/exports/balances" -> {
                    String community = query.get("communityId");
                    List<BalanceRow> rows = balances.stream()
                            .map(b -> JSON.convertValue(b, BalanceRow.class))
                            .filter(b -> community == null || community.equals(b.communityId())).toList();
                    send(exchange, 200, JSON.valueToTree(new BalanceExport(
                            query.containsKey("asOf") ? Instant.parse(query.get("asOf")) : Instant.now(), rows)));
                }
                default -> {
                    String prefix = "/api/catalog/partners/";
                    if (path.startsWith(prefix) && path.endsWith("/settlement") && settlementForbidden) {
                        send(exchange, 403, problem(403, "FORBIDDEN"));
                    } else if (path.startsWith(prefix) && path.endsWith("/settlement")) {
                        String partner = path.substring(prefix.length(), path.length() - "/settlement".length());
                        // The test books' vouchers were all fulfilled on one day: only the window holding it owes them.
                        boolean holdsTheDay = !java.time.LocalDate.parse(query.get("from")).isAfter(FULFILMENT_DAY)
                                && !java.time.LocalDate.parse(query.get("to")).isBefore(FULFILMENT_DAY);
                        send(exchange, 200, holdsTheDay ? settlements.getOrDefault(partner, ExportJson.settlement(partner, 0))
                                : ExportJson.settlement(partner, 0));
                    } else {
                        send(exchange, 404, problem(404, "NOT_FOUND"));
                    }
                }
            }
        }
    }

    /** Items after the cursor (a prefix and the position of the last item read), like the services' exports. */
    private static ObjectNode page(List<ObjectNode> items, Map<String, String> query, String prefix) {
        String cursor = query.get("after");
        int after = cursor == null ? 0 : Integer.parseInt(cursor.substring(prefix.length()));
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        int end = Math.min(items.size(), after + limit);
        String next = end > after || cursor != null ? prefix + Math.max(after, end) : null;
        return JSON.valueToTree(new ExportPage<>(items.subList(after, end), next));
    }

    private void issueToken(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        boolean clientCredentials = query(body).getOrDefault("grant_type", "").equals("client_credentials");
        if (refuseClients || !clientCredentials || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            ObjectNode error = JSON.createObjectNode().put("error", "unauthorized_client");
            send(exchange, 401, error);
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 3600);
        send(exchange, 200, answer);
    }

    private static ObjectNode problem(int status, String code) {
        return JSON.createObjectNode().put("status", status).put("code", code);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }
}
