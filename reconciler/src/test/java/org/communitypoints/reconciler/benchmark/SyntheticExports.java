package org.communitypoints.reconciler.benchmark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves a large, consistent set of books over HTTP, shaped like the real exports, generating each page
 * on the fly (nothing is held but the per-account sums): {@code postings} journal entries made of
 * shift credits (two legs each) and captured redemptions (a two-leg hold and a four-leg capture),
 * the matching shift and redemption exports, balances and settlements. Also issues the token, takes the run's report,
 * and serves no hash chain and no seals (so the figure is the journal's, shifts' and redemptions' checks; the chain's
 * verification is not in it), and no unconfirmed redemption requests.
 */
public final class SyntheticExports {

    static final int COMMUNITIES = 10;
    static final int RESIDENTS = 20_000;
    private static final long REDEMPTION_PRICE = 8;
    private static final Instant START = Instant.parse("2026-10-01T00:00:00Z");

    private final int postings;
    private final int shiftCount;
    private final int redemptionCount;
    private final HttpServer server;
    private final String token;
    private final Map<String, long[]> balances = new LinkedHashMap<>();
    private final Map<String, Long> settlements = new HashMap<>();

    /** @param postings total journal entries; 80% shift credits, the rest holds and captures, 2 adjustment legs */
    SyntheticExports(int postings, String token) throws IOException {
        this.postings = postings;
        this.token = token;
        this.shiftCount = postings * 4 / 10;
        this.redemptionCount = (postings - shiftCount * 2 - 2) / 6;
        if (shiftCount * 2 + redemptionCount * 6 + 2 != postings) {
            throw new IllegalArgumentException("choose a number of postings that splits evenly, e.g. 1000000");
        }
        Entry e = new Entry();
        for (int j = 0; j < postings; j++) {
            entry(j, e);
            long[] sums = balances.computeIfAbsent(e.accountId + "|" + e.accountType + "|" + e.owner + "|" + e.community,
                    k -> new long[2]);
            sums[e.pending ? 1 : 0] += e.amount;
        }
        for (int k = 0; k < redemptionCount; k++) {
            settlements.merge(partnerOf(k), REDEMPTION_PRICE, Long::sum);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    int shifts() {
        return shiftCount;
    }

    int redemptions() {
        return redemptionCount;
    }

    /** One journal entry, decoded from its position: no list of entries exists anywhere. */
    private static final class Entry {
        String transactionId;
        String kind;
        String causeType;
        String causeId;
        String accountId;
        String accountType;
        String owner;
        String community;
        long amount;
        boolean pending;
    }

    private void entry(int j, Entry e) {
        int credits = shiftCount * 2;
        if (j < credits) {
            int shift = j / 2;
            String member = member(shift);
            e.transactionId = uuid(1, shift);
            e.kind = "SHIFT_CREDIT";
            e.causeType = "SHIFT";
            e.causeId = uuid(2, shift);
            e.community = communityOf(shift % RESIDENTS);
            boolean resident = j % 2 == 0;
            e.accountId = resident ? residentAccount(shift) : issuanceAccount(shift % RESIDENTS);
            e.accountType = resident ? "RESIDENT" : "ISSUANCE";
            e.owner = resident ? member : "";
            e.amount = resident ? points(shift) : -points(shift);
            e.pending = false;
        } else if (j < credits + redemptionCount * 6) {
            int k = (j - credits) / 6;
            int step = (j - credits) % 6;
            String member = member(k);
            e.community = communityOf(k % RESIDENTS);
            e.causeId = uuid(4, k);
            e.causeType = "REDEMPTION";
            e.kind = step < 2 ? "HOLD" : "CAPTURE";
            e.transactionId = uuid(step < 2 ? 5 : 6, k);
            boolean resident = step % 2 == 0;
            e.accountId = resident ? residentAccount(k) : partnerAccount(k % RESIDENTS);
            e.accountType = resident ? "RESIDENT" : "REDEMPTION";
            e.owner = resident ? member : partnerOf(k);
            e.pending = step < 4;
            // hold: resident -P, partner +P (pending); capture: undo both, then resident -P, partner +P posted
            long[] amounts = { -REDEMPTION_PRICE, REDEMPTION_PRICE, REDEMPTION_PRICE, -REDEMPTION_PRICE, -REDEMPTION_PRICE,
                    REDEMPTION_PRICE };
            e.amount = amounts[step];
        } else {
            boolean resident = j % 2 == 0;
            e.transactionId = uuid(7, 0);
            e.kind = "ADJUSTMENT";
            e.causeType = "ADJUSTMENT";
            e.causeId = uuid(7, 0);
            e.community = communityOf(0);
            e.accountId = resident ? residentAccount(0) : issuanceAccount(0);
            e.accountType = resident ? "RESIDENT" : "ISSUANCE";
            e.owner = resident ? member(0) : "";
            e.amount = resident ? 5 : -5;
            e.pending = false;
        }
    }

    private static String member(int n) {
        return "resident-" + (n % RESIDENTS);
    }

    /** points-service numbers its accounts: residents from 100000, each community's issuance and partner low. */
    private static String residentAccount(int n) {
        return Integer.toString(100_000 + n % RESIDENTS);
    }

    private static String issuanceAccount(int resident) {
        return Integer.toString(1 + resident % COMMUNITIES);
    }

    private static String partnerAccount(int resident) {
        return Integer.toString(1_000 + resident % COMMUNITIES);
    }

    private static String communityOf(int resident) {
        return "community-" + (resident % COMMUNITIES);
    }

    private static String partnerOf(int redemption) {
        return "canteen-" + communityOf(redemption % RESIDENTS);
    }

    private static long points(int shift) {
        return 10 + shift % 5;
    }

    private static String uuid(int kind, long n) {
        return new UUID(0x5EED_0000_0000_4000L | kind, 0x8000_0000_0000_0000L | n).toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (path.endsWith("/.well-known/openid-configuration")) {
                send(exchange, 200, "{\"issuer\":\"" + url() + "/realms/community\",\"token_endpoint\":\"" + url()
                        + "/realms/community/protocol/openid-connect/token\"}");
                return;
            }
            if (path.endsWith("/protocol/openid-connect/token")) {
                exchange.getRequestBody().readAllBytes();
                send(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
                return;
            }
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"status\":401}");
                return;
            }
            if (path.equals("/api/points/reconciliation-runs")) {
                exchange.getRequestBody().readAllBytes();
                send(exchange, 201, "{}");
                return;
            }
            String after = query.get("after");
            int limit = Integer.parseInt(query.getOrDefault("limit", "500"));
            switch (path) {
                // no hash chain and no seals: the run's own time is the journal's, not the chain's (see the class)
                case "/api/points/exports/chain" -> send(exchange, 200, "{\"items\":[],\"nextCursor\":null}");
                case "/api/points/exports/seals" -> send(exchange, 200, "[]");
                // points-service refused no redemption request: every synthetic redemption went through the gateway
                case "/api/points/exports/unconfirmed-requests" -> send(exchange, 200, "{\"items\":[],\"nextCursor\":null}");
                case "/api/points/exports/journal" ->
                    send(exchange, 200, journal(after == null ? 0 : Integer.parseInt(after.substring(2)), limit, after));
                case "/api/activity/exports/shifts" ->
                    send(exchange, 200, shiftPage(after == null ? 0 : Integer.parseInt(after), limit, after));
                case "/api/catalog/exports/redemptions" ->
                    send(exchange, 200, redemptionPage(after == null ? 0 : Integer.parseInt(after), limit, after));
                case "/api/points/exports/balances" ->
                    send(exchange, 200, balancePage(query.get("asOf"), query.get("communityId")));
                default -> {
                    String partner = path.substring("/api/catalog/partners/".length(), path.length() - "/settlement".length());
                    boolean thisYear = query.get("to").startsWith("2026");
                    send(exchange, 200, "{\"partnerId\":\"" + partner + "\",\"vouchersFulfilled\":0,\"pointsCaptured\":"
                            + (thisYear ? settlements.getOrDefault(partner, 0L) : 0) + ",\"subsidyCaptured\":0}");
                }
            }
        }
    }

    private String journal(int after, int limit, String asked) {
        int end = Math.min(postings, after + limit);
        StringBuilder json = new StringBuilder(end - after > 0 ? (end - after) * 360 : 64).append("{\"items\":[");
        Entry e = new Entry();
        for (int j = after; j < end; j++) {
            entry(j, e);
            if (j > after) {
                json.append(',');
            }
            long sequence = j + 1L;
            json.append("{\"sequence\":").append(sequence)
                    .append(",\"transactionId\":\"").append(e.transactionId)
                    .append("\",\"kind\":\"").append(e.kind)
                    .append("\",\"causeType\":\"").append(e.causeType)
                    .append("\",\"causeId\":\"").append(e.causeId)
                    .append("\",\"accountId\":").append(e.accountId)
                    .append(",\"accountType\":\"").append(e.accountType)
                    .append("\",\"ownerId\":\"").append(e.owner)
                    .append("\",\"communityId\":\"").append(e.community)
                    .append("\",\"amount\":").append(e.amount)
                    .append(",\"pending\":").append(e.pending)
                    .append(",\"postedAt\":\"").append(postedAt(j)).append('"')
                    .append(",\"description\":\"食堂秩序维护 · 午餐\",\"actor\":\"staff-benchmark\",\"approvedBy\":null")
                    .append(",\"cursor\":\"1-").append(sequence).append("\"}");
        }
        return json.append("],\"nextCursor\":")
                .append(end > after ? "\"1-" + end + "\"" : asked == null ? "null" : "\"" + asked + "\"")
                .append('}').toString();
    }

    private long postedAtSecond = -1;
    private String postedAtText;

    /** Ten postings a second; the text is made once per second of synthetic time. */
    private synchronized String postedAt(int j) {
        if (j / 10 != postedAtSecond) {
            postedAtSecond = j / 10;
            postedAtText = START.plusSeconds(postedAtSecond).toString();
        }
        return postedAtText;
    }

    private String shiftPage(int after, int limit, String asked) {
        int end = Math.min(shiftCount, after + limit);
        StringBuilder json = new StringBuilder(Math.max(64, (end - after) * 300)).append("{\"items\":[");
        for (int i = after; i < end; i++) {
            if (i > after) {
                json.append(',');
            }
            json.append("{\"type\":\"SHIFT_VERIFIED\",\"eventId\":\"").append(uuid(3, i))
                    .append("\",\"shiftId\":\"").append(uuid(2, i))
                    .append("\",\"correctionId\":null,\"memberId\":\"").append(member(i))
                    .append("\",\"communityId\":\"").append(communityOf(i % RESIDENTS))
                    .append("\",\"points\":").append(points(i))
                    .append(",\"previousPoints\":null,\"correctedPoints\":null,\"recordedAt\":\"").append(START).append("\"}");
        }
        return json.append("],\"nextCursor\":")
                .append(end > after ? "\"" + end + "\"" : asked == null ? "null" : "\"" + asked + "\"")
                .append('}').toString();
    }

    private String redemptionPage(int after, int limit, String asked) {
        int end = Math.min(redemptionCount, after + limit);
        StringBuilder json = new StringBuilder(Math.max(64, (end - after) * 400)).append("{\"items\":[");
        for (int k = after; k < end; k++) {
            if (k > after) {
                json.append(',');
            }
            json.append("{\"id\":\"").append(uuid(4, k)).append("\",\"cursor\":").append(k + 1)
                    .append(",\"communityId\":\"").append(communityOf(k % RESIDENTS))
                    .append("\",\"memberId\":\"").append(member(k))
                    .append("\",\"partnerId\":\"").append(partnerOf(k))
                    .append("\",\"points\":").append(REDEMPTION_PRICE)
                    .append(",\"subsidyPoints\":0,\"state\":\"CAPTURED\",\"createdAt\":\"").append(START)
                    .append("\",\"history\":[{\"state\":\"CAPTURED\",\"reasonCode\":null,\"at\":\"").append(START)
                    .append("\"}]}");
        }
        return json.append("],\"nextCursor\":")
                .append(end > after ? "\"" + end + "\"" : asked == null ? "null" : "\"" + asked + "\"")
                .append('}').toString();
    }

    private String balancePage(String asOf, String community) {
        StringBuilder json = new StringBuilder(balances.size() * 150).append("{\"asOf\":\"").append(asOf)
                .append("\",\"balances\":[");
        boolean first = true;
        for (Map.Entry<String, long[]> b : balances.entrySet()) {
            String[] key = b.getKey().split("\\|", -1);
            if (community != null && !community.equals(key[3])) {
                continue;
            }
            if (!first) {
                json.append(',');
            }
            first = false;
            long posted = b.getValue()[0];
            long pending = b.getValue()[1];
            // the issuance account keeps no stored balance row; every other row agrees with its postings
            String stored = key[1].equals("ISSUANCE") ? "null" : null;
            json.append("{\"accountId\":").append(key[0]).append(",\"communityId\":\"").append(key[3])
                    .append("\",\"accountType\":\"").append(key[1]).append("\",\"ownerId\":\"").append(key[2])
                    .append("\",\"posted\":").append(posted).append(",\"pending\":").append(pending)
                    .append(",\"storedPosted\":").append(stored == null ? Long.toString(posted) : stored)
                    .append(",\"storedPending\":").append(stored == null ? Long.toString(pending) : stored)
                    .append(",\"totalPosted\":").append(posted).append(",\"totalPending\":").append(pending)
                    .append('}');
        }
        return json.append("]}").toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }
}
