package org.communitypoints.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Acting on behalf (代办) through the gateway, as an elderly resident's daughter would: staff record the resident's
 * consent and name the proxy in the registry; the proxy redeems a lunch for the resident with {@code On-Behalf-Of};
 * the resident's passbook names both (the hold line says who acted); revoking stops the proxy at the next request.
 */
@ExtendWith(StackDiagnostics.class)
class ProxyIT {

    private static final String ON_BEHALF_OF = "On-Behalf-Of";

    private static Suite suite;
    private static Community community;

    @BeforeAll
    static void startSuite() throws Exception {
        suite = Suite.get();
        community = new Community(new Api(suite));
    }

    @Test
    void aDaughterRedeemsForHerElderlyMotherAndThePassbookNamesBothUntilTheGrantIsRevoked() {
        Suite.Resident mother = suite.newResident();
        Suite.Resident daughter = suite.newResident();
        Api api = community.api();
        api.as(Community.STAFF).header("Idempotency-Key", "e2e-" + UUID.randomUUID())
                .body(Map.of("memberId", mother.memberId(), "points", 50, "reason", "代办测试：欢迎积分"))
                .post("/api/points/adjustments").then().statusCode(201);
        community.awaitBalance(mother, 50, 0);

        // Without a grant the daughter is refused, and nothing is reserved.
        String lunch = community.reward(org.communitypoints.localstack.seed.DemoData.LUNCH).getString("id");
        api.as(daughter).header(ON_BEHALF_OF, mother.memberId()).header("Idempotency-Key", "e2e-" + UUID.randomUUID())
                .body(Map.of("rewardId", lunch)).post("/api/catalog/redemptions")
                .then().statusCode(403).body("code", is("PROXY_NOT_ALLOWED"));

        String grantId = api.as(Community.STAFF).header("Idempotency-Key", "e2e-" + UUID.randomUUID())
                .body(Map.of("proxyId", daughter.memberId(), "relation", "FAMILY",
                        "scopes", List.of("PASSBOOK_READ", "REDEEM"),
                        "validUntil", Instant.now().plus(Duration.ofDays(30)).toString(),
                        "consentNote", "本人签字的代办同意书（端到端测试）"))
                .post("/api/community/residents/" + mother.memberId() + "/proxies")
                .then().statusCode(201).extract().path("id");

        // The grant reaches catalog-service's copy through community.registry; then the daughter redeems.
        String redemptionId = await("the grant in catalog-service's copy").atMost(Community.ASYNC)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.as(daughter).header(ON_BEHALF_OF, mother.memberId())
                        .header("Idempotency-Key", "e2e-proxy-redeem-" + grantId).body(Map.of("rewardId", lunch))
                        .post("/api/catalog/redemptions"), r -> r.statusCode() == 202)
                .jsonPath().getString("id");
        await("the redemption placed for the mother confirmed").atMost(Community.ASYNC).pollInterval(Duration.ofMillis(500))
                .until(() -> api.as(mother).get("/api/catalog/redemptions/" + redemptionId).jsonPath().getString("state"),
                        "CONFIRMED"::equals);

        // The mother's passbook: the hold (冻结) says the daughter acted, and the daughter reads it for her.
        Map<String, Object> hold = await("the hold line in the mother's passbook").atMost(Community.ASYNC)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> community.passbook(mother).stream().filter(l -> "HOLD".equals(l.get("kind"))).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertEquals(daughter.memberId(), hold.get("actedBy"), "the hold records who acted: " + hold);
        assertTrue(String.valueOf(hold.get("description")).contains("代办"), "the line says 由 X 代办: " + hold);
        List<Map<String, Object>> readByDaughter = api.as(daughter).header(ON_BEHALF_OF, mother.memberId())
                .get("/api/points/me/passbook?limit=200").then().statusCode(200).extract().jsonPath().getList("lines");
        assertTrue(readByDaughter.stream().anyMatch(l -> "HOLD".equals(l.get("kind"))), "proxy reads: " + readByDaughter);

        // Revoked: the daughter's next request for her mother is refused once the copy has the revocation.
        api.as(Community.STAFF).post("/api/community/residents/" + mother.memberId() + "/proxies/" + grantId + "/revoke")
                .then().statusCode(200).body("state", equalTo("REVOKED"));
        await("the revocation in points-service's copy").atMost(Community.ASYNC).pollInterval(Duration.ofMillis(250))
                .until(() -> api.as(daughter).header(ON_BEHALF_OF, mother.memberId())
                        .get("/api/points/me/passbook").statusCode() == 403);
    }
}
