package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.contracts.ContractEvent;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.events.HoldCaptureRequested;
import org.communitypoints.contracts.events.HoldReleaseRequested;
import org.communitypoints.contracts.events.HoldRequested;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.repository.JournalRepository.StatementLine;
import org.communitypoints.points.service.HoldService;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A statement page without dates reads only the accounts' newest postings (JournalRepository's window); every page
 * must be what grouping all of the accounts' postings gives (the date-range reading, the reference here), whatever the
 * page size, the cursor, lines of two postings (a capture) cut by the window, and a household's accounts interleaved.
 */
@QuarkusTest
class StatementPagesTest {

    private static final String COMMUNITY = "xinghe";
    private static final String PARTNER = "xinghe-canteen";
    /** Wide enough to hold every line, so that the statement takes its date-range reading. */
    private static final Instant EVER = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant NEVER = Instant.parse("2100-01-01T00:00:00Z");

    @Inject
    LedgerChecks ledger;
    @Inject
    HoldService holds;
    @Inject
    JournalRepository journal;
    @Inject
    AccountRepository accounts;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    @Test
    void everyPageOfAHouseholdIsWhatGroupingAllItsPostingsGives() {
        String father = "father-" + UUID.randomUUID();
        String daughter = "daughter-" + UUID.randomUUID();
        String grandmother = "grandmother-" + UUID.randomUUID();
        // The daughter's long history, then the others' lines among hers: holds, captures (two postings on one
        // account, one line), releases and credits interleaved.
        for (int i = 1; i <= 30; i++) {
            ledger.credit(COMMUNITY, daughter, i, "作业辅导");
        }
        ledger.credit(COMMUNITY, father, 100, "垃圾分类督导");
        for (int i = 0; i < 6; i++) {
            UUID captured = hold(father, 5);
            ledger.credit(COMMUNITY, daughter, 1, "作业辅导");
            send(new HoldCaptureRequested(captured, father, PARTNER, "canteen-staff-liu", Instant.now()));
            UUID released = hold(daughter, 3);
            send(new HoldReleaseRequested(released, daughter, "CANCELLED"));
        }
        // The newest line is the grandmother's only one: the window's first pages hold nothing else of her account.
        ledger.credit(COMMUNITY, grandmother, 7, "助老探访");
        List<Long> household = List.of(accountOf(father), accountOf(daughter), accountOf(grandmother));

        List<StatementLine> all = journal.statement(household, null, EVER, NEVER, 1_000);
        assertEquals(30 + 1 + 6 * 5 + 1, all.size(), "one line per transaction and account");
        for (int limit = 1; limit <= 13; limit++) {
            List<StatementLine> paged = new ArrayList<>();
            Long cursor = null;
            while (true) {
                List<StatementLine> page = journal.statement(household, cursor, null, null, limit);
                List<StatementLine> expected = journal.statement(household, cursor, EVER, NEVER, limit);
                assertEquals(expected, page, "limit " + limit + ", before " + cursor);
                paged.addAll(page);
                if (page.size() < limit) {
                    break;
                }
                cursor = page.get(page.size() - 1).sequence();
            }
            assertEquals(all, paged, "limit " + limit);
        }
    }

    @Test
    void theRunningBalancesOfALongHistoryAreTheSumsOfItsPostings() {
        String member = "resident-" + UUID.randomUUID();
        for (int i = 1; i <= 40; i++) {
            ledger.credit(COMMUNITY, member, i, "楼道清洁");
        }
        UUID open = hold(member, 25);
        UUID captured = hold(member, 10);
        send(new HoldCaptureRequested(captured, member, PARTNER, "canteen-staff-liu", Instant.now()));
        String token = Tokens.resident(member, COMMUNITY);

        List<Map<String, Object>> lines = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/points/me/passbook").then().statusCode(200).extract().jsonPath();
            lines.addAll(page.getList("lines"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        assertEquals(43, lines.size());
        long posted = 40 * 41 / 2 - 10;
        long held = 25;
        for (Map<String, Object> line : lines) { // newest first: each line shows the balances right after it
            assertEquals(posted, number(line, "postedAfter"), line.toString());
            assertEquals(held, number(line, "heldAfter"), line.toString());
            posted -= number(line, "amount");
            held -= number(line, "heldChange");
        }
        assertEquals(0, posted);
        assertEquals(0, held);
        send(new HoldReleaseRequested(open, member, "CANCELLED"));
    }

    private long accountOf(String member) {
        return accounts.find(AccountKey.resident(COMMUNITY, member)).orElseThrow().id();
    }

    private void send(ContractEvent event) {
        holds.handle(EventEnvelope.wrap(UUID.randomUUID(), COMMUNITY, Instant.now(), event), event);
    }

    private UUID hold(String member, long points) {
        UUID redemption = UUID.randomUUID();
        send(LedgerChecks.withReceipt(
                new HoldRequested(redemption, member, PARTNER, "爱心午餐", points, 0, Instant.now().plusSeconds(3600), null)));
        return redemption;
    }

    private static long number(Map<String, Object> line, String field) {
        return ((Number) line.get(field)).longValue();
    }
}
