package org.communitypoints.reconciler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.communitypoints.reconciler.engine.Books;
import org.communitypoints.reconciler.model.RedemptionState;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * The packaged job end to end over HTTP: client-credentials token from the realm, cursor paging through
 * the gateway (page size 3 in tests, so every export spans several pages), adapters, checks, report
 * files, exit codes and the incremental resume from the state file.
 */
@QuarkusMainTest
class ReconcilerRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static StandInGateway gateway;

    /**
     * The job only meets the stand-in over HTTP, so the stand-in's address reaches it the way any setting
     * does: as configuration (system properties are read at each launch).
     */
    @BeforeAll
    static void startGateway() throws IOException {
        // The token the realm issues: signed with the OIDC test server's key, reconciler role, no community.
        System.setProperty("smallrye.jwt.sign.key.location", "privateKey.jwk");
        gateway = new StandInGateway(Tokens.reconciler());
        System.setProperty("quarkus.rest-client.gateway.url", gateway.url());
        System.setProperty("quarkus.oidc-client.auth-server-url", gateway.url() + "/realms/community");
        System.setProperty("quarkus.oidc-client.client-id", StandInGateway.CLIENT_ID);
        System.setProperty("quarkus.oidc-client.credentials.secret", StandInGateway.CLIENT_SECRET);
        System.setProperty("reconciler.page-size", "3");
        System.setProperty("reconciler.journal-page-size", "4");
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
        for (String key : new String[] { "quarkus.rest-client.gateway.url", "quarkus.oidc-client.auth-server-url",
                "quarkus.oidc-client.client-id", "quarkus.oidc-client.credentials.secret", "reconciler.page-size",
                "reconciler.journal-page-size" }) {
            System.clearProperty(key);
        }
    }

    @TempDir
    Path work;

    @BeforeEach
    void emptyGateway() {
        gateway.clear();
    }

    /** Ordinary business in every export; the open hold was placed just now, so it is not stale. */
    private static Books cleanBooks() {
        Books b = new Books();
        String shift = b.creditedShift("li-mei", 20);
        b.creditedShift("zhang-wei", 15);
        b.creditedShift("wang-fang", 100);
        b.correction(shift, "li-mei", 20, 10, true);
        String meal = b.redemption("li-mei", "wutong-canteen", 8, 2, RedemptionState.FULFILLED, null);
        b.hold(meal);
        b.capture(meal);
        String seat = b.redemption("li-mei", "night-school", 5, 0, RedemptionState.CANCELLED, null);
        b.hold(seat);
        b.release(seat);
        b.postedAt = Instant.now().minusSeconds(60);
        b.hold(b.redemption("zhang-wei", "wutong-canteen", 6, 0, RedemptionState.HELD, null));
        b.postedAt = Books.LONG_AGO;
        return b;
    }

    private LaunchResult run(QuarkusMainLauncher launcher, String mode) {
        return launcher.launch(mode, "--state=" + work.resolve("state.json"), "--out=" + work.resolve("report"));
    }

    private JsonNode report() throws IOException {
        return JSON.readTree(work.resolve("report/report.json").toFile());
    }

    @Test
    void cleanBooksExitZeroWithAReportSayingSo(QuarkusMainLauncher launcher) throws IOException {
        ExportJson.load(gateway, cleanBooks());

        LaunchResult result = run(launcher, "--full");

        assertEquals(0, result.exitCode(), result::getOutput);
        JsonNode report = report();
        assertTrue(report.get("clean").asBoolean());
        assertEquals("settlement endpoint", report.get("settlementSource").asText());
        assertEquals(gateway.journal.size(), report.at("/read/postings").asInt());
        assertEquals(0, report.get("discrepancies").size());
        assertTrue(Files.readString(work.resolve("report/summary.txt")).contains("the books balance"));
        assertTrue(Files.exists(work.resolve("state.json")));
    }

    @Test
    void plantedDiscrepanciesAreEachReportedOnceWithTheirIdsAndExitOne(QuarkusMainLauncher launcher) throws IOException {
        Books books = cleanBooks();
        String missing = books.verifiedShift("wang-fang", 25);
        String doubled = books.verifiedShift("wang-fang", 10);
        String firstCredit = books.credit(doubled, "wang-fang", 10);
        String secondCredit = books.credit(doubled, "wang-fang", 10);
        String uncaptured = books.redemption("wang-fang", "wutong-canteen", 8, 0, RedemptionState.FULFILLED, null);
        books.hold(uncaptured);
        String stale = books.redemption("zhang-wei", "night-school", 5, 0, RedemptionState.HELD,
                Instant.parse("2026-11-20T00:00:00Z"));
        String staleHold = books.hold(stale);
        ExportJson.load(gateway, books);

        LaunchResult result = run(launcher, "--full");

        assertEquals(1, result.exitCode(), result::getOutput);
        List<String> found = new ArrayList<>();
        report().get("discrepancies").forEach(d -> found.add(d.get("type").asText() + " " + d.get("ids")));
        assertEquals(4, found.size(), found::toString);
        assertTrue(found.get(0).startsWith("MISSING_CREDIT") && found.get(0).contains(missing), found::toString);
        assertTrue(found.get(1).startsWith("DUPLICATE_CREDIT")
                && found.get(1).contains(doubled) && found.get(1).contains(firstCredit + ";" + secondCredit), found::toString);
        assertTrue(found.get(2).startsWith("UNCAPTURED_FULFILMENT") && found.get(2).contains(uncaptured), found::toString);
        assertTrue(found.get(3).startsWith("STALE_HOLD") && found.get(3).contains(stale) && found.get(3).contains(staleHold),
                found::toString);
        byte[] csv = Files.readAllBytes(work.resolve("report/discrepancies.csv"));
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(csv[0], csv[1], csv[2]));
        assertEquals(5, new String(csv, StandardCharsets.UTF_8).split("\r\n").length);
        assertTrue(Files.readString(work.resolve("report/summary.txt")).contains(uncaptured));
    }

    @Test
    void incrementalRunResumesFromTheLastCursorAndStillSeesTheWholeHistory(QuarkusMainLauncher launcher) throws IOException {
        Books books = cleanBooks();
        String creditedBefore = books.creditedShift("li-mei", 12);
        ExportJson.load(gateway, books);
        assertEquals(0, run(launcher, "--full").exitCode());
        int journalRead = gateway.journal.size();
        int shiftsRead = gateway.shifts.size();
        gateway.requests.clear();

        // After the first run: a second credit for a shift credited before it (only the carried-over
        // totals can tell), and a shift verified but never credited.
        int postingsBefore = books.postings.size();
        int shiftsBefore = books.shifts.size();
        String secondCredit = books.credit(creditedBefore, "li-mei", 12);
        String uncredited = books.verifiedShift("zhang-wei", 9);
        int newPostings = books.postings.size() - postingsBefore;
        books.postings.subList(postingsBefore, books.postings.size())
                .forEach(p -> gateway.journal.add(ExportJson.json(ExportJson.posting(p))));
        books.shifts.subList(shiftsBefore, books.shifts.size())
                .forEach(s -> gateway.shifts.add(ExportJson.json(ExportJson.shift(s))));
        gateway.balances.clear();
        books.balances().forEach(b -> gateway.balances.add(ExportJson.json(ExportJson.balance(b))));

        LaunchResult result = run(launcher, "--incremental");

        assertEquals(1, result.exitCode(), result::getOutput);
        JsonNode report = report();
        assertEquals("incremental", report.get("mode").asText());
        assertEquals(newPostings, report.at("/read/postings").asInt());
        assertEquals(journalRead + newPostings, report.at("/read/postingsTotal").asInt());
        assertTrue(
                gateway.requests.stream().anyMatch(r -> r.startsWith("/api/points/exports/journal?after=1000-" + journalRead)),
                gateway.requests::toString);
        assertTrue(
                gateway.requests.stream().anyMatch(r -> r.startsWith("/api/activity/exports/shifts?after=2000%3A" + shiftsRead)
                        || r.startsWith("/api/activity/exports/shifts?after=2000:" + shiftsRead)),
                gateway.requests::toString);
        assertFalse(gateway.requests.stream().anyMatch(r -> r.startsWith("/api/points/exports/journal?limit")),
                "an incremental run must not read the journal from the start: " + gateway.requests);
        List<String> types = new ArrayList<>();
        report.get("discrepancies").forEach(d -> types.add(d.get("type").asText()));
        assertEquals(List.of("MISSING_CREDIT", "DUPLICATE_CREDIT"), types);
        assertEquals(uncredited, report.at("/discrepancies/0/ids/shiftId").asText());
        assertEquals(creditedBefore, report.at("/discrepancies/1/ids/shiftId").asText());
        assertTrue(report.at("/discrepancies/1/ids/transactionIds").asText().endsWith(";" + secondCredit));
    }

    @Test
    void aRequestWrittenPastTheCatalogIsReportedFromPointsServicesRefusalsAndItsCursorMovesOn(
            QuarkusMainLauncher launcher) throws IOException {
        Books books = cleanBooks();
        String forged = books.refusedRequest("wang-fang", "wutong-canteen", 20, 0, "REQUEST_NOT_CONFIRMED",
                Books.LONG_AGO);
        ExportJson.load(gateway, books);

        LaunchResult full = run(launcher, "--full");

        assertEquals(1, full.exitCode(), full::getOutput);
        JsonNode report = report();
        assertEquals(1, report.at("/read/unconfirmedRequests").asInt(), report::toString);
        String cursor = StandInGateway.UNCONFIRMED_CURSOR + "1";
        assertEquals(cursor, report.at("/cursors/unconfirmedRequests").asText());
        assertEquals(1, report.get("discrepancies").size(), report::toString);
        JsonNode finding = report.at("/discrepancies/0");
        assertEquals("REQUEST_WITHOUT_REDEMPTION", finding.get("type").asText());
        assertEquals(forged, finding.at("/ids/redemptionId").asText());
        assertEquals("wang-fang", finding.at("/ids/memberId").asText());
        assertEquals("wutong-canteen", finding.at("/ids/partnerId").asText());
        assertTrue(finding.get("fix").asText().contains("catalog.outbox_event"), finding::toString);
        assertTrue(Files.readString(work.resolve("report/summary.txt")).contains("REQUEST_WITHOUT_REDEMPTION"));
        JsonNode reported = gateway.reportedRuns.get(0);
        assertEquals("redemptions DISCREPANCIES 1", reported.at("/checks/2/name").asText() + " "
                + reported.at("/checks/2/outcome").asText() + " " + reported.at("/checks/2/discrepancies").asInt());
        assertEquals("redemption " + forged, reported.at("/discrepancies/0/subject").asText());

        // The next run asks only for refusals after the stored cursor, reads none, and still reports the attempt
        gateway.requests.clear();

        LaunchResult incremental = run(launcher, "--incremental");

        assertEquals(1, incremental.exitCode(), incremental::getOutput);
        assertTrue(gateway.requests.stream()
                .anyMatch(r -> r.startsWith("/api/points/exports/unconfirmed-requests?after=" + cursor)),
                gateway.requests::toString);
        assertFalse(gateway.requests.stream().anyMatch(r -> r.startsWith("/api/points/exports/unconfirmed-requests?limit")),
                "an incremental run must not read the refusals from the start: " + gateway.requests);
        assertEquals(0, report().at("/read/unconfirmedRequests").asInt());
        assertEquals(cursor, report().at("/cursors/unconfirmedRequests").asText());
        List<String> found = new ArrayList<>();
        report().get("discrepancies")
                .forEach(d -> found.add(d.get("type").asText() + " " + d.at("/ids/redemptionId").asText()));
        assertEquals(List.of("REQUEST_WITHOUT_REDEMPTION " + forged), found);
    }

    @Test
    void aCleanRunReportsItsResultToPointsServiceUnderItsRunId(QuarkusMainLauncher launcher) {
        ExportJson.load(gateway, cleanBooks());

        assertEquals(0, run(launcher, "--full").exitCode());

        assertEquals(1, gateway.reportedRuns.size(), gateway.reportedRuns::toString);
        JsonNode reported = gateway.reportedRuns.get(0);
        assertEquals(reported.get("runId").asText(), gateway.reportedRunKeys.get(0), "Idempotency-Key = run id");
        assertEquals("CLEAN", reported.get("outcome").asText());
        assertEquals(gateway.journal.size(), reported.get("postingsChecked").asInt());
        List<String> checks = new ArrayList<>();
        reported.get("checks").forEach(c -> checks.add(c.get("name").asText() + " " + c.get("outcome").asText()));
        assertEquals(List.of("ledger CLEAN", "shifts CLEAN", "redemptions CLEAN", "settlements CLEAN", "chain CLEAN",
                "seals CLEAN", "expiry CLEAN", "adjustments CLEAN"), checks);
        assertEquals(0, reported.get("discrepancies").size());
    }

    @Test
    void aRunWithDiscrepanciesReportsEachWithItsCheckCommunityAndSubject(QuarkusMainLauncher launcher) {
        Books books = cleanBooks();
        String missing = books.verifiedShift("wang-fang", 25);
        ExportJson.load(gateway, books);

        assertEquals(1, run(launcher, "--full").exitCode());

        JsonNode reported = gateway.reportedRuns.get(0);
        assertEquals("DISCREPANCIES", reported.get("outcome").asText());
        assertEquals(1, reported.at("/checks/1/discrepancies").asInt(), reported::toString);
        assertEquals("DISCREPANCIES", reported.at("/checks/1/outcome").asText());
        JsonNode finding = reported.at("/discrepancies/0");
        assertEquals("shifts", finding.get("check").asText());
        assertEquals("wutong", finding.get("communityId").asText());
        assertEquals("shift " + missing, finding.get("subject").asText());
        assertTrue(finding.get("detail").asText().startsWith("MISSING_CREDIT: "), finding::toString);
    }

    @Test
    void aRunThatCouldNotRunReportsItFailed(QuarkusMainLauncher launcher) {
        ExportJson.load(gateway, cleanBooks());
        gateway.exportStatus = 500;

        assertEquals(2, run(launcher, "--full").exitCode());

        assertEquals(1, gateway.reportedRuns.size(), gateway.reportedRuns::toString);
        assertEquals("FAILED", gateway.reportedRuns.get(0).get("outcome").asText());
        assertEquals(0, gateway.reportedRuns.get(0).get("discrepancies").size());
    }

    @Test
    void aDuplicateCreditIsReportedUntilStaffReverseItThenTheBooksAreClean(QuarkusMainLauncher launcher)
            throws IOException {
        Books books = cleanBooks();
        String shift = books.verifiedShift("wang-fang", 10);
        books.credit(shift, "wang-fang", 10);
        String second = books.credit(shift, "wang-fang", 10);
        ExportJson.load(gateway, books);

        LaunchResult duplicate = run(launcher, "--full");

        assertEquals(1, duplicate.exitCode(), duplicate::getOutput);
        assertEquals("DUPLICATE_CREDIT", report().at("/discrepancies/0/type").asText());
        assertTrue(report().at("/discrepancies/0/fix").asText().contains("/reversal"));

        // Staff follow the advice: the reversal points-service books names the second credit as its cause.
        int postingsBefore = books.postings.size();
        books.reverse(second);
        books.postings.subList(postingsBefore, books.postings.size())
                .forEach(p -> gateway.journal.add(ExportJson.json(ExportJson.posting(p))));
        gateway.balances.clear();
        books.balances().forEach(b -> gateway.balances.add(ExportJson.json(ExportJson.balance(b))));

        LaunchResult reversed = run(launcher, "--incremental");

        assertEquals(0, reversed.exitCode(), reversed::getOutput);
        assertEquals(0, report().get("discrepancies").size());
    }

    @Test
    void refusedCredentialsExitTwoAndLeaveTheStateAlone(QuarkusMainLauncher launcher) throws IOException {
        ExportJson.load(gateway, cleanBooks());
        assertEquals(0, run(launcher, "--full").exitCode());
        byte[] state = Files.readAllBytes(work.resolve("state.json"));
        gateway.refuseClients = true;
        gateway.requests.clear();

        LaunchResult result = run(launcher, "--incremental");

        assertEquals(2, result.exitCode(), result::getOutput);
        assertTrue(result.getOutput().contains("could not get a token"), result::getOutput);
        assertEquals(List.of(), gateway.requests, "no export may be asked for without a token");
        assertTrue(java.util.Arrays.equals(state, Files.readAllBytes(work.resolve("state.json"))));
    }

    @Test
    void rateLimitedRequestsAreAskedAgainAfterTheGatewaysPause(QuarkusMainLauncher launcher) {
        ExportJson.load(gateway, cleanBooks());
        gateway.throttleNext.set(2);

        LaunchResult result = run(launcher, "--full");

        assertEquals(0, result.exitCode(), result::getOutput);
        assertEquals(0, gateway.throttleNext.get());
    }

    @Test
    void unreachableRealmExitsTwo(QuarkusMainLauncher launcher) {
        ExportJson.load(gateway, cleanBooks());
        System.setProperty("quarkus.oidc-client.auth-server-url", "http://127.0.0.1:9/realms/community");
        try {
            LaunchResult result = run(launcher, "--full");

            assertEquals(2, result.exitCode(), result::getOutput);
            assertEquals(List.of(), gateway.requests, "no export may be asked for without a token");
        } finally {
            System.setProperty("quarkus.oidc-client.auth-server-url", gateway.url() + "/realms/community");
        }
    }

    @Test
    void failingExportExitsTwo(QuarkusMainLauncher launcher) {
        ExportJson.load(gateway, cleanBooks());
        gateway.exportStatus = 500;

        LaunchResult result = run(launcher, "--full");

        assertEquals(2, result.exitCode(), result::getOutput);
        assertTrue(result.getOutput().contains("HTTP 500"), result::getOutput);
        assertFalse(Files.exists(work.resolve("state.json")));
    }

    @Test
    void settlementEndpointClosedToTheReconcilerFallsBackToTheRedemptionExport(QuarkusMainLauncher launcher)
            throws IOException {
        Books books = cleanBooks();
        ExportJson.load(gateway, books);
        gateway.settlementForbidden = true;

        LaunchResult clean = run(launcher, "--full");

        assertEquals(0, clean.exitCode(), clean::getOutput);
        assertTrue(clean.getOutput().contains("settlement endpoint refuses"), clean::getOutput);
        assertEquals("redemption export", report().get("settlementSource").asText());

        // The ledger captured a voucher the catalog never saw captured: the partner would be paid twice.
        String meal = books.redemption("wang-fang", "wutong-canteen", 8, 0, RedemptionState.HELD, null);
        books.postedAt = Instant.now().minusSeconds(60);
        books.hold(meal);
        books.capture(meal);
        gateway.clear();
        ExportJson.load(gateway, books);
        gateway.settlementForbidden = true;

        LaunchResult result = run(launcher, "--full");

        assertEquals(1, result.exitCode(), result::getOutput);
        List<String> types = new ArrayList<>();
        report().get("discrepancies").forEach(d -> types.add(d.get("type").asText() + " " + d.at("/ids/partnerId").asText()));
        assertEquals(List.of("CAPTURE_WITHOUT_FULFILMENT wutong-canteen", "SETTLEMENT_MISMATCH wutong-canteen"), types);
    }

    @Test
    void everyExportIsAskedWithTheIssuedToken(QuarkusMainLauncher launcher) {
        ExportJson.load(gateway, cleanBooks());

        assertEquals(0, run(launcher, "--full").exitCode());

        Map<String, Long> byExport = new java.util.TreeMap<>();
        gateway.requests.forEach(r -> byExport.merge(r.replaceAll("\\?.*", ""), 1L, Long::sum));
        assertTrue(byExport.get("/api/points/exports/journal") > 3, byExport::toString);
        assertEquals(1L, byExport.get("/api/points/exports/balances"), "one community, one balance request");
        assertEquals(1L, byExport.get("/api/points/exports/unconfirmed-requests"), "no refusals: one empty page");
        assertTrue(gateway.requests.stream().filter(r -> r.startsWith("/api/points/exports/balances"))
                .allMatch(r -> r.contains("communityId=wutong")), gateway.requests::toString);
        // one request per year-long window (the endpoint's limit) from 2025-01-01 to today
        long days = java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(2025, 1, 1),
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))) + 1;
        long windows = (days + 364) / 365;
        assertEquals(windows, byExport.get("/api/catalog/partners/wutong-canteen/settlement"));
        assertEquals(windows, byExport.get("/api/catalog/partners/night-school/settlement"));
        assertTrue(
                gateway.requests.stream().filter(r -> r.contains("/settlement"))
                        .allMatch(r -> r.contains("communityId=wutong")),
                gateway.requests::toString);
    }

    private static ChainFixtures sealedMonth() {
        ChainFixtures chain = new ChainFixtures();
        chain.credit("li-mei", 20, 3);
        chain.credit("zhang-wei", 15, 9);
        chain.credit("wang-fang", 30, 21);
        chain.seal();
        return chain;
    }

    @Test
    void aChainThatRecomputesAndASealThePublishedKeyVerifiesAreClean(QuarkusMainLauncher launcher) throws IOException {
        ExportJson.load(gateway, cleanBooks());
        ChainFixtures chain = sealedMonth();
        chain.load(gateway, chain.links);

        LaunchResult result = run(launcher, "--full");

        assertEquals(0, result.exitCode(), result::getOutput);
        assertEquals(0, report().get("discrepancies").size());
    }

    @Test
    void aTransactionEditedAfterItWasLinkedIsNamedAndItsSealedMonthNoLongerAgrees(QuarkusMainLauncher launcher)
            throws IOException {
        ExportJson.load(gateway, cleanBooks());
        ChainFixtures chain = sealedMonth();
        List<org.communitypoints.contracts.export.ChainLink> served = new ArrayList<>(chain.links);
        served.set(1, chain.edited(1, 150));
        chain.load(gateway, served);

        LaunchResult result = run(launcher, "--full");

        assertEquals(1, result.exitCode(), result::getOutput);
        List<String> found = new ArrayList<>();
        report().get("discrepancies").forEach(d -> found.add(d.get("type").asText() + " " + d.get("ids")));
        String edited = chain.transactions.get(1).transactionId().toString();
        assertEquals(2, found.size(), found::toString);
        assertTrue(found.stream().anyMatch(f -> f.startsWith("CHAIN_LINK_MISMATCH") && f.contains(edited)),
                found::toString);
        assertTrue(found.stream().anyMatch(f -> f.startsWith("SEAL_MISMATCH") && f.contains("2026-10")),
                found::toString);
    }

    @Test
    void aSealSignedByAnotherKeyIsReported(QuarkusMainLauncher launcher) throws IOException {
        ExportJson.load(gateway, cleanBooks());
        ChainFixtures chain = sealedMonth();
        chain.load(gateway, chain.links);
        gateway.sealKey.put("publicKey", new ChainFixtures().publicKey());

        LaunchResult result = run(launcher, "--full");

        assertEquals(1, result.exitCode(), result::getOutput);
        assertEquals("SEAL_SIGNATURE_INVALID", report().get("discrepancies").get(0).get("type").asText());
    }

    @Test
    void verifyProofAcceptsAResidentsProofWithThePublicKeyAloneAndRefusesAnEditedOne(QuarkusMainLauncher launcher)
            throws IOException {
        ChainFixtures chain = sealedMonth();
        Path proof = work.resolve("proof.json");
        Files.write(proof, ExportJson.MAPPER.writeValueAsBytes(chain.proof(1)));
        assertEquals(0, launcher.launch("verify-proof", "--proof=" + proof, "--key=" + chain.publicKey()).exitCode());

        var forged = chain.proof(1);
        var edited = chain.edited(1, 150).content();
        Files.write(proof, ExportJson.MAPPER.writeValueAsBytes(new org.communitypoints.contracts.seal.TransactionProof(
                edited, forged.leafIndex(), forged.treeSize(), forged.auditPath(), forged.chainPosition(),
                forged.chainHash(), forged.seal())));
        LaunchResult refused = launcher.launch("verify-proof", "--proof=" + proof, "--key=" + chain.publicKey());
        assertEquals(1, refused.exitCode(), refused::getOutput);
        assertTrue(refused.getOutput().contains("is not leaf 1"), refused::getOutput);
    }
}
