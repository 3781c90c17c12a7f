package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ExportTest {

    private static final String COMMUNITY = "wenxing";

    @Inject
    LedgerChecks ledger;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private static JsonPath page(String after, int limit) {
        var request = given().auth().oauth2(Tokens.reconciler()).queryParam("limit", limit);
        if (after != null) {
            request.queryParam("after", after);
        }
        return request.when().get("/api/points/exports/journal").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void pagesThroughTheJournalWithNoGapsOrRepeatsWhileWritesContinue() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            running.add(writers.submit(() -> {
                while (writing.get()) {
                    ledger.credit(COMMUNITY, "resident-" + UUID.randomUUID(), 2, "社区巡逻");
                }
                return null;
            }));
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        try {
            for (int i = 0; i < 40; i++) {
                JsonPath page = page(cursor, 7);
                seen.addAll(page.getList("items.sequence", Long.class));
                cursor = page.getString("nextCursor");
            }
        } finally {
            writing.set(false);
            for (Future<?> f : running) {
                f.get();
            }
            writers.shutdown();
        }
        // writers stopped: read to the end
        while (true) {
            JsonPath page = page(cursor, 500);
            List<Long> sequences = page.getList("items.sequence", Long.class);
            if (sequences.isEmpty()) {
                break;
            }
            seen.addAll(sequences);
            cursor = page.getString("nextCursor");
        }
        Set<Long> distinct = new HashSet<>(seen);
        assertEquals(seen.size(), distinct.size(), "a posting was exported twice");
        assertEquals(ledger.count("select count(*) from posting"), distinct.size(), "a posting was never exported");
    }

    @Test
    void exportsBalancesAsOfAMoment() {
        String member = "resident-" + UUID.randomUUID();
        ledger.credit(COMMUNITY, member, 9, "环境整治");
        Instant between = Instant.now();
        ledger.credit(COMMUNITY, member, 4, "环境整治");

        JsonPath then = given().auth().oauth2(Tokens.reconciler())
                .queryParam("asOf", between.toString()).queryParam("communityId", COMMUNITY)
                .when().get("/api/points/exports/balances").then().statusCode(200).extract().jsonPath();
        assertEquals(9, then.getLong("balances.find { it.ownerId == '" + member + "' }.posted"));
        JsonPath now = given().auth().oauth2(Tokens.reconciler()).queryParam("communityId", COMMUNITY)
                .when().get("/api/points/exports/balances").then().statusCode(200).extract().jsonPath();
        assertEquals(13, now.getLong("balances.find { it.ownerId == '" + member + "' }.posted"));
        // The balance an as-of moment shows is the journal's; the stored row matches all postings so far.
        assertEquals(13, then.getLong("balances.find { it.ownerId == '" + member + "' }.storedPosted"));
        assertEquals(13, then.getLong("balances.find { it.ownerId == '" + member + "' }.totalPosted"));
        long total = now.getList("balances.posted", Long.class).stream().mapToLong(Long::longValue).sum();
        assertEquals(0, total, "the community's books must sum to zero");
    }

    @Test
    void entriesCarryTheirCauseAndAccount() {
        String member = "resident-" + UUID.randomUUID();
        UUID shift = ledger.credit(COMMUNITY, member, 6, "政策宣传");
        List<Map<String, Object>> mine = entriesOf(shift.toString());
        assertEquals(2, mine.size());
        // the row names its cause once, as its shift (V94), and stores no cause type (V102); the export reads both
        // from there
        assertEquals(1, ledger.count("select count(*) from journal_transaction where shift_id = ?::uuid "
                + "and kind = 'SHIFT_CREDIT' and cause_id is null and cause_type is null", shift.toString()));
        assertTrue(mine.stream().anyMatch(e -> "RESIDENT".equals(e.get("accountType")) && member.equals(e.get("ownerId"))
                && ((Number) e.get("amount")).longValue() == 6 && "SHIFT_CREDIT".equals(e.get("kind"))
                && "SHIFT".equals(e.get("causeType"))));
    }

    /**
     * The reconciler checks adjustments against the bounds points-service enforces (a second person above the
     * threshold, never for oneself): the export names who made one and who approved it.
     */
    @Test
    void anAdjustmentsEntriesNameItsMakerAndItsChecker() {
        String member = LedgerChecks.registeredResident(COMMUNITY);
        String maker = "staff-" + UUID.randomUUID();
        String checker = "staff-" + UUID.randomUUID();
        String id = given().auth().oauth2(Tokens.staff(maker, COMMUNITY))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("application/json").body(Map.of("memberId", member, "points", 150, "reason", "补录冬季巡逻"))
                .when().post("/api/points/adjustments").then().statusCode(202).extract().path("id");
        given().auth().oauth2(Tokens.staff(checker, COMMUNITY)).contentType("application/json").body(Map.of("reason", "核实无误"))
                .when().post("/api/points/adjustments/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("BOOKED"));

        List<Map<String, Object>> legs = entriesOf(id);

        assertEquals(2, legs.size(), legs::toString);
        for (Map<String, Object> leg : legs) {
            assertEquals("ADJUSTMENT", leg.get("kind"));
            assertEquals(maker, leg.get("actor"));
            assertEquals(checker, leg.get("approvedBy"));
        }
    }

    /** Every journal entry of the export whose cause is the given id, paging from the start. */
    private static List<Map<String, Object>> entriesOf(String causeId) {
        String cursor = null;
        List<Map<String, Object>> found = new ArrayList<>();
        while (true) {
            JsonPath page = page(cursor, 1000);
            List<Map<String, Object>> entries = page.getList("items");
            if (entries.isEmpty()) {
                return found;
            }
            entries.stream().filter(e -> causeId.equals(e.get("causeId"))).forEach(found::add);
            cursor = page.getString("nextCursor");
        }
    }

    @Test
    void onlyTheReconcilerReadsExports() {
        given().auth().oauth2(Tokens.staff("staff-zhao", COMMUNITY)).when().get("/api/points/exports/balances")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.reconciler()).queryParam("after", "not-a-cursor")
                .when().get("/api/points/exports/journal")
                .then().statusCode(400).body("code", equalTo("INVALID_CURSOR"));
    }
}
