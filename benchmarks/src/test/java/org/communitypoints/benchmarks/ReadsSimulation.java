package org.communitypoints.benchmarks;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * The resident's reads at a steady rate, each on its own: balance and passbook through the gateway and straight
 * from points-service side by side (same tokens, same moment, so the difference is the gateway's cost), and
 * "my home" (the gateway asking four services at once).
 */
public class ReadsSimulation extends Simulation {

    private final List<String> tokens = Suite.RESIDENTS.stream().map(Suite::tokenFor).toList();

    private Iterator<Map<String, Object>> residents() {
        return Stream.iterate(0, i -> (i + 1) % tokens.size())
                .map(i -> Map.<String, Object> of("token", tokens.get(i))).iterator();
    }

    private PopulationBuilder steady(String name, String base, String path) {
        HttpRequestActionBuilder request = http(name).get(base + path)
                .header("Authorization", "Bearer #{token}").check(status().is(200));
        ScenarioBuilder scenario = scenario(name).feed(residents()).exec(request);
        return scenario.injectOpen(constantUsersPerSec(Suite.READ_RATE).during(Suite.DURATION));
    }

    {
        setUp(
                steady("balance via gateway", Suite.GATEWAY, "/api/points/me/balance"),
                steady("balance direct", Suite.POINTS_DIRECT, "/api/points/me/balance"),
                steady("passbook via gateway", Suite.GATEWAY, "/api/points/me/passbook?limit=20"),
                steady("passbook direct", Suite.POINTS_DIRECT, "/api/points/me/passbook?limit=20"),
                steady("my home", Suite.GATEWAY, "/api/home"))
                .protocols(http.acceptHeader("application/json").shareConnections())
                .assertions(global().failedRequests().percent().lt(1.0));
    }
}
