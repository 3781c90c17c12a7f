package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.testsupport.TestDatabase;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The reconciler's results for the staff console (README "Reconciliation results"). */
@QuarkusTest
class ReconciliationRunTest {

    private static String operator() {
        return Tokens.claims("ops-zhou", null, "operator").sign();
    }

    private static Map<String, Object> finding(String check, String communityId, String subject) {
        Map<String, Object> finding = new java.util.HashMap<>();
        finding.put("check", check);
        finding.put("communityId", communityId);
        finding.put("subject", subject);
        finding.put("detail", "CHAIN_LINK_MISMATCH: the content no longer gives its link");
        return finding;
    }

    /** A run with discrepancies in two communities (and one naming none); the chain check found them. */
    private static Map<String, Object> run(UUID runId, String mine, String theirs, int mineCount) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (int i = 0; i < mineCount; i++) {
            found.add(finding("chain", mine, "transaction " + UUID.randomUUID()));
        }
        found.add(finding("chain", theirs, "transaction " + UUID.randomUUID()));
        found.add(finding("ledger", null, "account 42"));
        return Map.of("runId", runId.toString(), "startedAt", "2026-11-25T18:00:00Z",
                "finishedAt", "2030-01-01T00:00:00Z", "outcome", "DISCREPANCIES", "postingsChecked", 123,
                "checks", List.of(Map.of("name", "chain", "outcome", "DISCREPANCIES", "discrepancies", mineCount + 1),
                        Map.of("name", "ledger", "outcome", "DISCREPANCIES", "discrepancies", 1),
                        Map.of("name", "seals", "outcome", "CLEAN", "discrepancies", 0)),
                "discrepancies", found);
    }

    private static void post(UUID runId, Map<String, Object> run) {
        given().auth().oauth2(Tokens.reconciler()).header("Idempotency-Key", runId.toString())
                .contentType(ContentType.JSON).body(run)
                .when().post("/api/points/reconciliation-runs").then().statusCode(201)
                .body("runId", equalTo(runId.toString()));
    }

    @Test
    void staffSeeTheLatestRunNarrowedToTheirOwnCommunity() {
        String mine = "recon-" + UUID.randomUUID();
        UUID runId = UUID.randomUUID();
        post(runId, run(runId, mine, "recon-" + UUID.randomUUID(), 2));

        given().auth().oauth2(Tokens.staff("staff-li", mine)).when().get("/api/points/reconciliation-runs/latest")
                .then().statusCode(200)
                .body("runId", equalTo(runId.toString()))
                .body("outcome", equalTo("DISCREPANCIES"))
                .body("postingsChecked", equalTo(123))
                .body("startedAt", equalTo("2026-11-25T18:00:00Z"))
                .body("checks.name", contains("chain", "ledger", "seals"))
                .body("checks.discrepancies", contains(2, 0, 0))
                .body("checks.outcome", contains("DISCREPANCIES", "CLEAN", "CLEAN"))
                .body("discrepancies", hasSize(2))
                .body("discrepancies.communityId", everyItem(equalTo(mine)));
    }

    @Test
    void staffOfACommunityWithoutDiscrepanciesSeeACleanRun() {
        UUID runId = UUID.randomUUID();
        post(runId, run(runId, "recon-" + UUID.randomUUID(), "recon-" + UUID.randomUUID(), 1));

        given().auth().oauth2(Tokens.staff("staff-li", "recon-" + UUID.randomUUID()))
                .when().get("/api/points/reconciliation-runs/latest").then().statusCode(200)
                .body("outcome", equalTo("CLEAN")).body("discrepancies", empty());
    }

    @Test
    void operatorsSeeTheWholeRunCappedAtTwoHundredDiscrepancies() {
        UUID runId = UUID.randomUUID();
        post(runId, run(runId, "recon-" + UUID.randomUUID(), "recon-" + UUID.randomUUID(), 250));

        given().auth().oauth2(operator()).when().get("/api/points/reconciliation-runs/latest").then().statusCode(200)
                .body("runId", equalTo(runId.toString()))
                .body("checks.discrepancies", contains(251, 1, 0))
                .body("discrepancies", hasSize(200));
    }

    @Test
    void theSameRunPostedAgainIsStoredOnceAndAnsweredAsBefore() {
        String mine = "recon-" + UUID.randomUUID();
        UUID runId = UUID.randomUUID();
        Map<String, Object> run = run(runId, mine, "recon-" + UUID.randomUUID(), 3);
        post(runId, run);
        given().auth().oauth2(Tokens.reconciler()).header("Idempotency-Key", runId.toString())
                .contentType(ContentType.JSON).body(run)
                .when().post("/api/points/reconciliation-runs").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("discrepanciesStored", equalTo(5));

        given().auth().oauth2(Tokens.staff("staff-li", mine)).when().get("/api/points/reconciliation-runs/latest")
                .then().statusCode(200).body("discrepancies", hasSize(3));
    }

    @Test
    void aRunWhoseIdempotencyKeyIsNotItsIdIsRefused() {
        UUID runId = UUID.randomUUID();
        given().auth().oauth2(Tokens.reconciler()).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(run(runId, "a", "b", 1))
                .when().post("/api/points/reconciliation-runs").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("IDEMPOTENCY_KEY_NOT_RUN_ID"));
    }

    @Test
    void aCleanRunThatListsDiscrepanciesIsRefused() {
        UUID runId = UUID.randomUUID();
        Map<String, Object> run = new java.util.HashMap<>(run(runId, "a", "b", 1));
        run.put("outcome", "CLEAN");
        given().auth().oauth2(Tokens.reconciler()).header("Idempotency-Key", runId.toString())
                .contentType(ContentType.JSON).body(run)
                .when().post("/api/points/reconciliation-runs").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("INVALID_RECONCILIATION_RUN"));
    }

    @Test
    void onlyTheReconcilerPostsRunsAndOnlyStaffAndOperatorsReadThem() {
        UUID runId = UUID.randomUUID();
        given().auth().oauth2(Tokens.staff("staff-li", "a")).header("Idempotency-Key", runId.toString())
                .contentType(ContentType.JSON).body(run(runId, "a", "b", 1))
                .when().post("/api/points/reconciliation-runs").then().statusCode(403);
        given().auth().oauth2(operator()).header("Idempotency-Key", runId.toString())
                .contentType(ContentType.JSON).body(run(runId, "a", "b", 1))
                .when().post("/api/points/reconciliation-runs").then().statusCode(403);
        given().auth().oauth2(Tokens.resident("resident-a", "a"))
                .when().get("/api/points/reconciliation-runs/latest").then().statusCode(403);
        given().auth().oauth2(Tokens.partner("p-1", "a", "canteen"))
                .when().get("/api/points/reconciliation-runs/latest").then().statusCode(403);
        given().auth().oauth2(Tokens.reconciler())
                .when().get("/api/points/reconciliation-runs/latest").then().statusCode(403);
        given().when().get("/api/points/reconciliation-runs/latest").then().statusCode(401);
    }

    @Test
    void beforeAnyRunTheLatestIsNoReconciliationYet() throws SQLException {
        // Runs are append-only; only this class stores them, so the owner may clear them for this one test.
        try (Connection connection = TestDatabase.asOwner(); Statement statement = connection.createStatement()) {
            statement.execute("alter table reconciliation_discrepancy disable trigger reconciliation_discrepancy_append_only");
            statement.execute("alter table reconciliation_run disable trigger reconciliation_run_append_only");
            statement.execute("delete from reconciliation_discrepancy");
            statement.execute("delete from reconciliation_run");
            statement.execute("alter table reconciliation_run enable trigger reconciliation_run_append_only");
            statement.execute("alter table reconciliation_discrepancy enable trigger reconciliation_discrepancy_append_only");
        }
        given().auth().oauth2(Tokens.staff("staff-li", "a")).when().get("/api/points/reconciliation-runs/latest")
                .then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("NO_RECONCILIATION_YET"));
    }
}
