package org.communitypoints.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.http;

import java.util.List;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/** One read the benchmarks measure: a GET with the resident's token, on the gateway or on points-service itself. */
record Read(String name, String base, String path) {

    static final Read BALANCE_GATEWAY = new Read("balance via gateway", Suite.GATEWAY, "/api/points/me/balance");
    static final Read BALANCE_DIRECT = new Read("balance direct", Suite.POINTS_DIRECT, "/api/points/me/balance");
    static final Read PASSBOOK_GATEWAY = new Read("passbook via gateway", Suite.GATEWAY,
            "/api/points/me/passbook?limit=20");
    static final Read PASSBOOK_DIRECT = new Read("passbook direct", Suite.POINTS_DIRECT,
            "/api/points/me/passbook?limit=20");
    static final Read HOME = new Read("my home", Suite.GATEWAY, "/api/home");
    /**
     * "My home" with {@code Cache-Control: no-cache}: every request asks the three services, as when no resident asks
     * twice within the gateway's view age (gateway README, "Kept views").
     */
    static final Read HOME_FRESH = new Read("my home, asked afresh", Suite.GATEWAY, "/api/home");

    static final List<Read> ALL = List.of(BALANCE_GATEWAY, BALANCE_DIRECT, PASSBOOK_GATEWAY, PASSBOOK_DIRECT, HOME);

    /**
     * By its short name on the command line: home, home-fresh, balance-gateway, balance-direct, passbook-gateway,
     * passbook-direct.
     */
    static Read named(String key) {
        return switch (key) {
            case "home" -> HOME;
            case "home-fresh" -> HOME_FRESH;
            case "balance-gateway" -> BALANCE_GATEWAY;
            case "balance-direct" -> BALANCE_DIRECT;
            case "passbook-gateway" -> PASSBOOK_GATEWAY;
            case "passbook-direct" -> PASSBOOK_DIRECT;
            default -> throw new IllegalArgumentException("No read named " + key
                    + " (home, home-fresh, balance-gateway, balance-direct, passbook-gateway, passbook-direct; balance or passbook"
                    + " for both paths in a capacity run)");
        };
    }

    /**
     * What a capacity run measures: one read by its short name, or {@code balance} / {@code passbook} for the read
     * direct and then through the gateway, in that order (direct first: it also warms points-service up).
     */
    static List<Read> forCapacity(String key) {
        return switch (key) {
            case "balance" -> List.of(BALANCE_DIRECT, BALANCE_GATEWAY);
            case "passbook" -> List.of(PASSBOOK_DIRECT, PASSBOOK_GATEWAY);
            default -> List.of(named(key));
        };
    }

    HttpRequestActionBuilder request() {
        HttpRequestActionBuilder get = http(name).get(base + path).header("Authorization", "Bearer #{token}");
        return this == HOME_FRESH ? get.header("Cache-Control", "no-cache") : get;
    }

    /**
     * What an answer must show besides 200 to count as served. "My home" answers 200 even when every part is
     * unavailable (the resident still gets a screen): served means every part came back, else a collapsing suite
     * would count as fast.
     */
    List<CheckBuilder> served() {
        return this == HOME || this == HOME_FRESH ? List.of(regex("\"status\"\\s*:\\s*\"unavailable\"").notExists())
                : List.of();
    }
}
