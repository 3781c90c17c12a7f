package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.LineNumberReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class PassbookTest {

    private static final String COMMUNITY = "tianxiang";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Inject
    LedgerChecks ledger;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private String residentWithCredits(int... points) {
        String member = "resident-" + UUID.randomUUID();
        for (int p : points) {
            ledger.credit(COMMUNITY, member, p, "垃圾分类督导");
        }
        return member;
    }

    @Test
    void aParameterThatIsNotADateIsRefusedNamingTheParameter() {
        given().auth().oauth2(Tokens.resident("resident-" + UUID.randomUUID(), COMMUNITY))
                .queryParam("from", "yesterday")
                .when().get("/api/points/me/passbook")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("detail", containsString("from"));
    }

    @Test
    void showsTheResidentTheirOwnBalanceFromTheToken() {
        String member = residentWithCredits(20, 15);
        given().auth().oauth2(Tokens.resident(member, COMMUNITY))
                .when().get("/api/points/me/balance")
                .then().statusCode(200)
                .body("communityId", equalTo(COMMUNITY))
                .body("posted", equalTo(35)).body("held", equalTo(0)).body("available", equalTo(35));
    }

    @Test
    void runningBalancesAreRightAcrossPageBoundaries() {
        int[] amounts = new int[23];
        for (int i = 0; i < amounts.length; i++) {
            amounts[i] = i + 1;
        }
        String member = residentWithCredits(amounts);
        String token = Tokens.resident(member, COMMUNITY);
        List<Map<String, Object>> lines = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("limit", 5);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.when().get("/api/points/me/passbook").then().statusCode(200).extract().jsonPath();
            lines.addAll(page.getList("lines"));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertEquals(5, pages);
        assertEquals(23, lines.size());
        long expected = 23 * 24 / 2;
        for (Map<String, Object> line : lines) { // newest first: each line shows the balance right after it
            assertEquals(expected, ((Number) line.get("runningBalance")).longValue(), line.toString());
            expected -= ((Number) line.get("amount")).longValue();
            assertTrue(line.get("description").toString().contains("垃圾分类督导"));
        }
        assertEquals(0, expected);
    }

    @Test
    void filtersByDateRange() {
        String member = residentWithCredits(3, 4);
        String token = Tokens.resident(member, COMMUNITY);
        given().auth().oauth2(token).queryParam("from", TODAY.toString()).queryParam("to", TODAY.toString())
                .when().get("/api/points/me/passbook")
                .then().statusCode(200).body("lines.size()", equalTo(2)).body("nextCursor", nullValue());
        given().auth().oauth2(token).queryParam("from", TODAY.minusDays(30).toString())
                .queryParam("to", TODAY.minusDays(1).toString())
                .when().get("/api/points/me/passbook")
                .then().statusCode(200).body("lines.size()", equalTo(0));
    }

    @Test
    void theCsvRoundTripsChineseTextWithAByteOrderMark() throws IOException {
        String member = residentWithCredits(8, 9);
        byte[] csv = given().auth().oauth2(Tokens.resident(member, COMMUNITY))
                .when().get("/api/points/me/passbook.csv")
                .then().statusCode(200)
                .header("Content-Type", org.hamcrest.Matchers.equalToIgnoringCase("text/csv; charset=UTF-8"))
                .extract().asByteArray();

        assertEquals((byte) 0xEF, csv[0]);
        assertEquals((byte) 0xBB, csv[1]);
        assertEquals((byte) 0xBF, csv[2]);
        List<String> rows = new ArrayList<>();
        try (LineNumberReader reader = new LineNumberReader(new InputStreamReader(
                new ByteArrayInputStream(csv, 3, csv.length - 3), StandardCharsets.UTF_8))) {
            for (String row; (row = reader.readLine()) != null;) {
                rows.add(row);
            }
        }
        assertEquals("日期,摘要,积分变动,冻结变动,积分余额,冻结积分,可用积分,类型,代办人", rows.get(0));
        assertEquals(3, rows.size());
        // platform-web's CsvWriter: amounts are numbers, text is quoted only where RFC 4180 needs it
        assertTrue(rows.get(1).contains(",志愿服务：垃圾分类督导（60 分钟）,9,0,17,0,17,SHIFT_CREDIT,"), rows.get(1));
        assertTrue(rows.get(2).contains(",8,0,8,0,8,"), rows.get(2));
    }

    @Test
    void aResidentCannotReadAnotherResidentsPassbook() {
        String member = residentWithCredits(30);
        String other = residentWithCredits(1);
        // the URL has no member id: another resident's token only ever shows their own account
        given().auth().oauth2(Tokens.resident(other, COMMUNITY))
                .when().get("/api/points/me/balance")
                .then().statusCode(200).body("posted", equalTo(1));
        given().auth().oauth2(Tokens.resident(other, COMMUNITY))
                .when().get("/api/points/members/" + member + "/passbook")
                .then().statusCode(403);
        // the role is checked before content negotiation: a 403, not a 406 that would confirm the address
        given().auth().oauth2(Tokens.resident(other, COMMUNITY)).accept("application/json")
                .when().get("/api/points/members/" + member + "/passbook.csv")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void staffReadTheirOwnCommunitysMembersOnly() {
        String member = residentWithCredits(30);
        given().auth().oauth2(Tokens.staff("staff-zhao", COMMUNITY))
                .when().get("/api/points/members/" + member + "/balance")
                .then().statusCode(200).body("posted", equalTo(30));
        given().auth().oauth2(Tokens.staff("staff-zhao", COMMUNITY))
                .when().get("/api/points/members/" + member + "/passbook")
                .then().statusCode(200).body("lines[0].amount", equalTo(30));
        // another community's staff learn nothing, not even "0 points", and before any parameter is checked
        for (String path : List.of("/balance", "/passbook", "/passbook.csv")) {
            given().auth().oauth2(Tokens.staff("staff-wang", "wutong")).queryParam("limit", 0)
                    .when().get("/api/points/members/" + member + path)
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("MEMBER_NOT_FOUND"));
        }
    }

    @Test
    void otherRolesAreRefused() {
        given().auth().oauth2(Tokens.staff("staff-zhao", COMMUNITY)).when().get("/api/points/me/balance")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(Tokens.reconciler()).when().get("/api/points/me/passbook")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.partner("p-1", COMMUNITY, "canteen")).when().get("/api/points/members/x/balance")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.resident("r-1", COMMUNITY)).when().get("/api/points/exports/journal")
                .then().statusCode(403);
        given().when().get("/api/points/me/balance").then().statusCode(401);
    }

    @Test
    void balanceAsOfAPastMomentIgnoresLaterPostings() {
        String member = residentWithCredits(10);
        String before = java.time.Instant.now().toString();
        ledger.credit(COMMUNITY, member, 5, "社区巡逻");
        given().auth().oauth2(Tokens.resident(member, COMMUNITY)).queryParam("asOf", before)
                .when().get("/api/points/me/balance")
                .then().statusCode(200).body("posted", equalTo(10));
    }

    @Test
    void anUnknownCursorIsABadRequestNamingTheParameter() {
        String member = residentWithCredits(1);
        for (String cursor : List.of("abc", "-5", "0", "99999999999999999999")) {
            given().auth().oauth2(Tokens.resident(member, COMMUNITY)).queryParam("cursor", cursor)
                    .when().get("/api/points/me/passbook")
                    .then().statusCode(400).body("code", equalTo("INVALID_PARAMETER"))
                    .body("errors.field", org.hamcrest.Matchers.hasItem("cursor"));
        }
        given().auth().oauth2(Tokens.resident(member, COMMUNITY)).queryParam("limit", 201)
                .when().get("/api/points/me/passbook")
                .then().statusCode(400).body("code", equalTo("INVALID_LIMIT"));
    }
}
