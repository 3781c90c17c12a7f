package org.communitypoints.e2e;

import static org.communitypoints.e2e.Community.CANTEEN_STAFF;
import static org.communitypoints.e2e.Community.GRID_WORKER;
import static org.communitypoints.e2e.Community.SECOND_STAFF;
import static org.communitypoints.e2e.Community.STAFF;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.localstack.seed.DemoData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.path.json.JsonPath;

/**
 * The web console the gateway serves at {@code /}, in a real headless Chromium against the packaged suite: each person
 * logs in through the page (authorization code with PKCE at the suite's OIDC provider) and does their job with clicks
 * and keys; the outcome is checked through the API.
 */
@ExtendWith(StackDiagnostics.class)
class WebConsoleIT {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("webconsole.screenshots", "target/screenshots"));

    /** Matches once every chart card of the staff's charts tab has its figures (or its problem) on the page. */
    private static final String CHARTS_SHOWN = "#chart-participation[data-shown] ~ #chart-awarded[data-shown]"
            + " ~ #chart-by-kind[data-shown] ~ #chart-by-partner[data-shown] ~ #chart-subsidy[data-shown]";

    private static Suite suite;
    private static Community community;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        suite = Suite.get();
        community = new Community(new Api(suite));
        browser = new Browser(suite.gatewayUrl(), Files.createDirectories(suite.workDir().resolve("chromium-profile")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aShiftRecordedOfflineIsSentOnReconnectAndCreditedExactlyOnce() throws Exception {
        Suite.Resident resident = suite.newResident();
        JsonPath activity = community.publishRunningActivity("event-help", "网页离线记录 " + resident.username());
        String activityId = activity.getString("id");
        community.signUp(resident, activityId);
        // The volunteer's own check-in with the activity's code is the second person behind the grid worker's entry.
        String code = community.api().as(GRID_WORKER).get("/api/activity/activities/" + activityId + "/check-in-code")
                .then().statusCode(200).extract().path("code");
        community.api().as(resident).body(Map.of("code", code)).post("/api/activity/activities/" + activityId + "/attendance")
                .then().statusCode(anyOf(is(200), is(201)));

        browser.loginAs(GRID_WORKER);
        browser.phone(true);
        browser.open("#/grid");
        browser.waitFor(By.cssSelector("button[data-activity='" + activityId + "']")).click();
        browser.waitForText(By.cssSelector("#check-in-code .code"), code.substring(0, 1));
        WebElement served = browser.waitFor(By.cssSelector("#record-form input[value='" + resident.memberId() + "']"));
        served.click();
        WebElement minutes = browser.driver()
                .findElement(By.cssSelector("#record-form input[name='minutes-" + resident.memberId() + "']"));
        minutes.clear();
        minutes.sendKeys("120");

        browser.offline(true);
        browser.driver().findElement(By.cssSelector("#record-form button[type=submit]")).click();
        WebElement queued = browser.waitFor(By.cssSelector("#queue li[data-state=queued]"));
        assertTrue(queued.getText().contains(activity.getString("title")), queued.getText());
        String key = queued.getAttribute("data-key");
        browser.waitForText(By.id("net"), "离线");
        browser.screenshot(SCREENSHOTS, "grid-worker-offline-queued-phone");

        browser.offline(false);
        WebElement sent = new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(
                ExpectedConditions
                        .visibilityOfElementLocated(By.cssSelector("#queue li[data-key='" + key + "'][data-state=sent]")));
        assertTrue(sent.getText().contains("已送达"), sent.getText());
        browser.waitForText(By.cssSelector("#activity-detail tr[data-member='" + resident.memberId() + "']"), "已审核");
        browser.script("arguments[0].scrollIntoView()", sent);
        browser.screenshot(SCREENSHOTS, "grid-worker-sent-phone");
        browser.phone(false);

        long expected = 2L * community.pointsPerHour("event-help");
        community.awaitBalance(resident, expected, 0);
        // The same entry sent again (an answer lost on the way back) is replayed, not booked twice.
        community.api().as(GRID_WORKER).header("Idempotency-Key", key)
                .body(Map.of("entries", List.of(Map.of("memberId", resident.memberId(),
                        "startedAt", activity.getString("startsAt"),
                        "endedAt",
                        java.time.Instant.parse(activity.getString("startsAt")).plus(Duration.ofMinutes(120)).toString(),
                        "walkIn", false)), "verify", true))
                .post("/api/activity/activities/" + activityId + "/shifts/bulk")
                .then().header("Idempotent-Replayed", "true");
        List<Map<String, Object>> credits = community.passbook(resident).stream()
                .filter(line -> "SHIFT_CREDIT".equals(line.get("kind"))).toList();
        assertEquals(1, credits.size(), "credit lines " + credits);
        community.awaitBalance(resident, expected, 0);
    }

    @Test
    void aResidentRedeemsALunchAndTheCashierFulfilsTheVoucherAtTheCounter() throws Exception {
        Suite.Resident resident = suite.newResident();
        community.serveShift(resident, "event-help", 120);
        community.awaitBalance(resident, 2L * community.pointsPerHour("event-help"), 0);

        browser.loginAs(resident.username());
        browser.open("#/me");
        browser.driver().findElement(By.cssSelector("[role=tab][data-tab=rewards]")).click();
        WebElement lunch = browser.waitFor(By.cssSelector("article[data-reward='" + DemoData.LUNCH + "']"));
        lunch.findElement(By.tagName("button")).click();
        WebElement voucher = new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("article[data-reward='" + DemoData.LUNCH
                        + "'] article.voucher")));
        String code = voucher.getAttribute("data-code");
        browser.waitFor(By.cssSelector("article.voucher[data-code='" + code + "'] img.qr"));

        browser.loginAs(CANTEEN_STAFF);
        // A counter is often a phone on the till: the lookup's screenshot at phone size, whichever test ran before.
        browser.phone(true);
        browser.open("#/counter");
        WebElement input = browser.waitFor(By.cssSelector("#fulfil-form input[name=code]"));
        input.sendKeys(code.toLowerCase());
        // catalog-service's lookup, before the Fulfil button: what it is for, whose (masked), whether it can be used.
        WebElement preview = browser.waitForText(By.id("voucher-preview"), DemoData.LUNCH);
        browser.waitFor(By.cssSelector("#voucher-preview .voucher-lookup[data-state=ACTIVE]"));
        assertTrue(preview.getText().contains("可以使用"), preview.getText());
        String name = community.api().as(STAFF).get("/api/community/residents/" + resident.memberId()).then().statusCode(200)
                .extract().path("displayName");
        String maskedName = name.charAt(0) + "*".repeat(name.length() - 2) + name.charAt(name.length() - 1);
        assertTrue(preview.getText().contains(maskedName), preview.getText() + " should name " + maskedName);
        assertFalse(preview.getText().contains(name), "the whole name is not shown: " + preview.getText());
        assertFalse(preview.getText().contains(code), "the whole code is not shown back: " + preview.getText());
        browser.screenshot(SCREENSHOTS, "partner-counter-lookup-phone");
        browser.driver().findElement(By.cssSelector("#fulfil-form button[type=submit]")).click();
        browser.waitForText(By.id("fulfil-result"), "已核销");
        browser.waitForText(By.id("today"), code.substring(code.length() - 4));
        browser.phone(false);

        String redemptionId = community.api().as(resident).get("/api/catalog/me/vouchers?state=USED").then().statusCode(200)
                .extract().jsonPath().getString("find { it.code == '" + code + "' }.redemptionId");
        community.awaitRedemption(resident, redemptionId, "CAPTURED");
    }

    @Test
    void aLargeAdjustmentAskedByOneStaffMemberIsBookedWhenASecondApproves() {
        Suite.Resident resident = suite.newResident();
        browser.loginAs(STAFF);
        browser.open("#/staff");
        browser.waitFor(By.cssSelector("#adjustment-form input[name=memberId]")).sendKeys(resident.memberId());
        browser.driver().findElement(By.cssSelector("#adjustment-form input[name=points]")).sendKeys("150");
        browser.driver().findElement(By.cssSelector("#adjustment-form input[name=reason]")).sendKeys("社区表彰：疫情期间长期值守");
        browser.driver().findElement(By.cssSelector("#adjustment-form button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#adjustment-result [data-status=PENDING]"));
        String adjustmentId = community.api().as(STAFF).get("/api/points/adjustments?status=PENDING").then().statusCode(200)
                .extract().jsonPath().getString("find { it.memberId == '" + resident.memberId() + "' }.id");
        WebElement ownApprove = browser.waitFor(By.cssSelector("button[data-approve='" + adjustmentId + "']"));
        assertFalse(ownApprove.isEnabled(), "the asker cannot approve their own adjustment");
        community.awaitBalance(resident, 0, 0, Duration.ofSeconds(5));

        browser.loginAs(SECOND_STAFF);
        browser.open("#/staff");
        browser.waitFor(By.cssSelector("button[data-approve='" + adjustmentId + "']")).click();
        browser.waitFor(By.cssSelector("tr[data-adjustment='" + adjustmentId + "'] [data-decided=approved]"));
        community.awaitBalance(resident, 150, 0);
        community.api().as(STAFF).get("/api/points/adjustments/" + adjustmentId).then().statusCode(200)
                .body("adjustment.approvedBy", equalTo("00000000-0000-4000-a000-000000000302"));
    }

    @Test
    void aLargeReversalAskedInTheConsoleByOneStaffMemberIsBookedWhenASecondApprovesIt() {
        Suite.Resident resident = suite.newResident();
        String adjustmentId = community.api().as(STAFF).header("Idempotency-Key", "e2e-" + UUID.randomUUID())
                .body(Map.of("memberId", resident.memberId(), "points", 150, "reason", "社区表彰"))
                .post("/api/points/adjustments").then().statusCode(202).extract().path("id");
        community.api().as(SECOND_STAFF).post("/api/points/adjustments/" + adjustmentId + "/approve").then()
                .statusCode(200);
        community.awaitBalance(resident, 150, 0);
        // Taking the 150 back by reversing the adjustment needs a second staff member too.
        browser.loginAs(STAFF);
        browser.open("#/staff");
        browser.waitFor(By.cssSelector("#reversal-form input[name=transactionId]")).sendKeys(adjustmentId);
        browser.driver().findElement(By.cssSelector("#reversal-form input[name=reason]")).sendKeys("表彰名单弄错了");
        browser.driver().findElement(By.cssSelector("#reversal-form button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#reversal-result [data-status=PENDING]"));
        String reversalId = community.api().as(STAFF).get("/api/points/reversals?status=PENDING").then().statusCode(200)
                .extract().jsonPath().getString("find { it.reverses == '" + adjustmentId + "' }.id");
        assertFalse(browser.waitFor(By.cssSelector("button[data-approve='" + reversalId + "']")).isEnabled(),
                "the asker cannot approve their own reversal");

        browser.loginAs(SECOND_STAFF);
        browser.open("#/staff");
        browser.waitForText(By.cssSelector("tr[data-reversal='" + reversalId + "']"), "表彰名单弄错了");
        community.awaitBalance(resident, 150, 0, Duration.ofSeconds(1));
        browser.driver().findElement(By.cssSelector("button[data-approve='" + reversalId + "']")).click();
        browser.waitFor(By.cssSelector("tr[data-reversal='" + reversalId + "'] [data-decided=approved]"));
        community.awaitBalance(resident, 0, 0);
        community.api().as(STAFF).get("/api/points/reversals/" + reversalId).then().statusCode(200)
                .body("status", equalTo("BOOKED")).body("approvedBy", equalTo("00000000-0000-4000-a000-000000000302"));
    }

    @Test
    void aResidentSeesTheHoldAndThenTheCaptureInThePassbook() {
        Suite.Resident resident = suite.newResident();
        community.serveShift(resident, "event-help", 120);
        long earned = 2L * community.pointsPerHour("event-help");
        community.awaitBalance(resident, earned, 0);
        JsonPath lunch = community.reward(DemoData.LUNCH);
        JsonPath redemption = community.redeem(resident, lunch.getString("id"), null);
        JsonPath confirmed = community.awaitRedemption(resident, redemption.getString("id"), "CONFIRMED");
        long price = confirmed.getLong("points");

        browser.loginAs(resident.username());
        browser.open("#/me");
        browser.waitForText(By.cssSelector("#balance"), String.valueOf(earned - price));
        browser.driver().findElement(By.cssSelector("[role=tab][data-tab=passbook]")).click();
        browser.waitFor(By.cssSelector("#passbook tr[data-kind=SHIFT_CREDIT]"));
        WebElement hold = browser.waitFor(By.cssSelector("#passbook tr[data-kind=HOLD]"));
        assertTrue(hold.getText().contains(DemoData.LUNCH), hold.getText());

        community.fulfil(CANTEEN_STAFF, confirmed.getString("voucher.code"));
        community.awaitRedemption(resident, redemption.getString("id"), "CAPTURED");
        browser.driver().findElement(By.cssSelector("[role=tab][data-tab=home]")).click();
        browser.driver().findElement(By.cssSelector("[role=tab][data-tab=passbook]")).click();
        WebElement capture = browser.waitFor(By.cssSelector("#passbook tr[data-kind=CAPTURE]"));
        assertTrue(capture.getText().contains("-" + price), capture.getText());
        assertTrue(capture.getText().contains(DemoData.LUNCH), capture.getText());
    }

    @Test
    void staffGrantAProxyWithTheResidentsConsentAndRevokeIt() throws Exception {
        Suite.Resident resident = suite.newResident();
        Suite.Resident daughter = suite.newResident();
        browser.loginAs(STAFF);
        browser.open("#/staff");
        browser.waitFor(By.cssSelector("[role=tab][data-tab=proxies]")).click();
        new org.openqa.selenium.support.ui.Select(browser.waitFor(By.cssSelector("select[name=memberId]")))
                .selectByValue(resident.memberId());
        browser.waitFor(By.cssSelector("#grants[data-loaded=yes]"));
        browser.driver().findElement(By.cssSelector("#grant-form input[name=proxyId]")).sendKeys(daughter.memberId());
        browser.driver().findElement(By.cssSelector("#grant-form input[name=proxyName]")).sendKeys("女儿");
        browser.driver().findElement(By.cssSelector("#grant-form input[name=consentNote]")).sendKeys("同意书 2026-118");
        browser.driver().findElement(By.cssSelector("#grant-form button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#grant-result [data-granted=yes]"));
        WebElement row = browser.waitFor(By.cssSelector("#grants tr[data-state=ACTIVE]"));
        assertTrue(row.getText().contains("同意书 2026-118"), row.getText());
        String grantId = row.getAttribute("data-grant");
        community.api().as(STAFF).get("/api/community/residents/" + resident.memberId() + "/proxies").then().statusCode(200)
                .body("find { it.id == '" + grantId + "' }.proxyId", equalTo(daughter.memberId()))
                .body("find { it.id == '" + grantId + "' }.consentNote", equalTo("同意书 2026-118"))
                .body("find { it.id == '" + grantId + "' }.consentRecordedBy", equalTo("00000000-0000-4000-a000-000000000301"));
        browser.screenshot(SCREENSHOTS, "staff-proxies-desktop");

        browser.driver().findElement(By.cssSelector("button[data-revoke='" + grantId + "']")).click();
        browser.waitFor(By.cssSelector("#grants tr[data-grant='" + grantId + "'][data-state=REVOKED]"));
        community.api().as(STAFF).get("/api/community/residents/" + resident.memberId() + "/proxies").then().statusCode(200)
                .body("find { it.id == '" + grantId + "' }.state", equalTo("REVOKED"));
    }

    @Test
    void aProxyGrantWithoutTheResidentsConsentIsRefusedWithTheRegistrysReason() {
        Suite.Resident resident = suite.newResident();
        Suite.Resident son = suite.newResident();
        browser.loginAs(STAFF);
        browser.open("#/staff");
        browser.waitFor(By.cssSelector("[role=tab][data-tab=proxies]")).click();
        new org.openqa.selenium.support.ui.Select(browser.waitFor(By.cssSelector("select[name=memberId]")))
                .selectByValue(resident.memberId());
        browser.waitFor(By.cssSelector("#grants[data-loaded=yes]"));
        browser.driver().findElement(By.cssSelector("#grant-form input[name=proxyId]")).sendKeys(son.memberId());
        // The browser would stop an empty required field: a note of spaces reaches the registry as no note.
        browser.driver().findElement(By.cssSelector("#grant-form input[name=consentNote]")).sendKeys("   ");
        browser.driver().findElement(By.cssSelector("#grant-form button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#grant-result .problem[data-code=CONSENT_REQUIRED]"));
        community.api().as(STAFF).get("/api/community/residents/" + resident.memberId() + "/proxies").then().statusCode(200)
                .body("findAll { it.proxyId == '" + son.memberId() + "' }.size()", equalTo(0));
    }

    @Test
    void theRegistryPagesShowResidentsWithMaskedPhonesAndHouseholdsWithTheirCategories() {
        Suite.Resident resident = suite.newResident();
        browser.loginAs(STAFF);
        browser.open("#/staff");
        browser.waitFor(By.cssSelector("[role=tab][data-tab=residents]")).click();
        WebElement row = browser.waitFor(By.cssSelector("tr[data-member='" + resident.memberId() + "']"));
        String name = community.api().as(STAFF).get("/api/community/residents/" + resident.memberId()).then().statusCode(200)
                .extract().path("displayName");
        assertTrue(row.getText().contains(name), row.getText());
        assertTrue(row.getText().contains("已登记"), "volunteer state: " + row.getText());
        // Demo residents carry phones; none is ever shown whole.
        List<String> phones = browser.driver().findElements(By.cssSelector("tr[data-member] td:nth-child(4)")).stream()
                .map(WebElement::getText).filter(text -> !text.equals("—")).toList();
        assertTrue(phones.stream().allMatch(phone -> phone.matches("\\*+\\d{4}")), phones.toString());

        browser.driver().findElement(By.cssSelector("[role=tab][data-tab=households]")).click();
        String household = suite.householdOf(resident);
        WebElement card = browser.waitFor(By.cssSelector("article.household[data-household='" + household + "']"));
        assertTrue(card.getText().contains(name), card.getText());
    }

    @Test
    void theReconciliationPageShowsTheLastRunOrSaysNoneHasHappenedYet() {
        // Whether a run exists depends on which tests ran before in the same suite: the page must match either way.
        io.restassured.response.Response latest = community.api().as(STAFF).get("/api/points/reconciliation-runs/latest");
        browser.loginAs(STAFF);
        browser.open("#/staff");
        browser.waitFor(By.cssSelector("[role=tab][data-tab=reconciliation]")).click();
        if (latest.statusCode() == 404) {
            assertTrue(latest.asString().contains("NO_RECONCILIATION_YET"), latest.asString());
            WebElement none = browser.waitFor(By.cssSelector("#reconciliation[data-outcome=NONE]"));
            assertTrue(none.getText().contains("还没有对账记录"), none.getText());
            return;
        }
        assertEquals(200, latest.statusCode(), latest.asString());
        JsonPath run = latest.jsonPath();
        WebElement shown = browser.waitFor(By.cssSelector("#reconciliation[data-outcome=" + run.getString("outcome") + "]"));
        assertTrue(shown.getText().contains(String.valueOf(run.getLong("postingsChecked"))), shown.getText());
        for (String check : run.getList("checks.name", String.class)) {
            assertTrue(shown.getText().contains(check), check + " in " + shown.getText());
        }
    }

    @Test
    void staffApproveAJoinRequestInTheBrowserAndTheNewcomerIsThenRegistered() throws Exception {
        Suite.Resident newcomer = suite.newcomer();
        community.api().as(newcomer).get("/api/community/me").then().statusCode(404).body("code", equalTo("NOT_REGISTERED"));
        String requestId = askToJoin(newcomer, "新住户" + newcomer.username().substring(13), "梧桐社区7栋2单元301");
        String household = community.api().as(STAFF).header("Idempotency-Key", "household-" + newcomer.username())
                .body(Map.of("name", "7栋2单元301 " + newcomer.username())).post("/api/community/households")
                .then().statusCode(anyOf(is(200), is(201))).extract().path("id");

        browser.loginAs(STAFF);
        browser.phone(false);
        browser.open("#/staff");
        browser.waitFor(By.cssSelector("[role=tab][data-tab=joinRequests]")).click();
        WebElement card = browser.waitFor(By.cssSelector("article.join-request[data-request='" + requestId + "']"));
        assertTrue(card.getText().contains("*******5678"), "the phone masked: " + card.getText());
        assertEquals(List.of(), accessibilityProblems("staff-join-requests pending"), "a pending request's card");
        browser.screenshot(SCREENSHOTS, "staff-join-request-pending-desktop");
        new Select(card.findElement(By.cssSelector("select[name=householdId]"))).selectByValue(household);
        card.findElement(By.cssSelector("button[data-approve='" + requestId + "']")).click();
        browser.waitFor(By.cssSelector("article.join-request[data-request='" + requestId + "'] [data-decided=approved]"));
        assertEquals(List.of(), accessibilityProblems("staff-join-requests approved"), "an approved request's card");

        // The registry page lists the newcomer now, and the newcomer reads their own registration.
        browser.driver().findElement(By.cssSelector("[role=tab][data-tab=residents]")).click();
        browser.waitFor(By.cssSelector("tr[data-member='" + newcomer.memberId() + "']"));
        community.api().as(newcomer).get("/api/community/me").then().statusCode(200)
                .body("memberId", equalTo(newcomer.memberId())).body("householdId", equalTo(household))
                .body("status", equalTo("ACTIVE"));
        community.api().as(newcomer).get("/api/community/me/join-requests").then().statusCode(200)
                .body("find { it.id == '" + requestId + "' }.status", equalTo("APPROVED"))
                .body("find { it.id == '" + requestId + "' }.decidedBy", equalTo("00000000-0000-4000-a000-000000000301"));
    }

    @Test
    void staffDeclineAJoinRequestWithAReasonAndTheNewcomerStaysUnregistered() throws Exception {
        Suite.Resident newcomer = suite.newcomer();
        String requestId = askToJoin(newcomer, "新住户" + newcomer.username().substring(13), "唐槐街道另一小区3栋");

        browser.loginAs(STAFF);
        browser.open("#/staff");
        browser.waitFor(By.cssSelector("[role=tab][data-tab=joinRequests]")).click();
        WebElement card = browser.waitFor(By.cssSelector("article.join-request[data-request='" + requestId + "']"));
        card.findElement(By.cssSelector("input[name=reason]")).sendKeys("地址不在本社区，请到所在社区申请");
        card.findElement(By.cssSelector("button[data-decline='" + requestId + "']")).click();
        browser.waitFor(By.cssSelector("article.join-request[data-request='" + requestId + "'] [data-decided=declined]"));
        browser.screenshot(SCREENSHOTS, "staff-join-request-declined-desktop");
        assertEquals(List.of(), accessibilityProblems("staff-join-requests declined"), "a declined request's card");

        community.api().as(newcomer).get("/api/community/me").then().statusCode(404).body("code", equalTo("NOT_REGISTERED"));
        community.api().as(STAFF).get("/api/community/residents/" + newcomer.memberId()).then().statusCode(404);
        community.api().as(newcomer).get("/api/community/me/join-requests").then().statusCode(200)
                .body("find { it.id == '" + requestId + "' }.status", equalTo("DECLINED"))
                .body("find { it.id == '" + requestId + "' }.declineReason", equalTo("地址不在本社区，请到所在社区申请"));
        // Decided once: the card is gone from the pending list when the page is opened again.
        browser.open("#/staff");
        browser.waitFor(By.cssSelector("[role=tab][data-tab=joinRequests]")).click();
        browser.waitFor(By.cssSelector("#no-requests, article.join-request"));
        assertEquals(List.of(), browser.driver()
                .findElements(By.cssSelector("article.join-request[data-request='" + requestId + "']")));
    }

    @Test
    void theChartsShowPointsIssuedByActivityKindAndRedeemedByPartnerAsTheServicesCountThem() throws Exception {
        Suite.Resident resident = suite.newResident();
        community.serveShift(resident, "event-help", 120);
        String month = YearMonth.now(Community.ZONE).toString();
        String halfYearAgo = YearMonth.now(Community.ZONE).minusMonths(5).toString();

        browser.loginAs(STAFF);
        browser.phone(false);
        browser.open("#/staff");
        browser.waitFor(By.cssSelector("[role=tab][data-tab=charts]")).click();
        browser.waitFor(By.cssSelector(CHARTS_SHOWN));
        WebElement byKind = browser.waitFor(By.cssSelector("#chart-by-kind[data-shown='" + month + "/" + month + "']"));
        assertTrue(byKind.getText().contains("各类活动发放积分"), byKind.getText());
        Map<String, String> kinds = pointsByKind(month, month);
        assertEquals(kinds, chartFigures("chart-by-kind"), "points issued by activity kind, as activity-service counts them");
        long eventHelp = community.api().as(STAFF).get("/api/activity/reports/points-by-kind?from=" + month).then()
                .statusCode(200).extract().jsonPath().getLong("kinds.find { it.code == 'event-help' }.points");
        assertTrue(eventHelp >= 2L * community.pointsPerHour("event-help"), "the shift served just now: " + eventHelp);
        long awarded = community.api().as(STAFF).get("/api/activity/reports/monthly?month=" + month).then().statusCode(200)
                .extract().jsonPath().getLong("pointsAwarded");
        assertEquals(awarded, kinds.values().stream().mapToLong(Long::parseLong).sum(),
                "the kinds add up to the month's points awarded");
        awaitChart("chart-by-partner", () -> redeemedByPartner(month + "-01", Community.today().toString()));

        // Half a year at once: both charts follow the months chosen.
        browser.script("arguments[0].value = arguments[1]",
                browser.driver().findElement(By.cssSelector("#chart-period input[name=from]")), halfYearAgo);
        browser.driver().findElement(By.cssSelector("#chart-period button[type=submit]")).click();
        browser.waitFor(By.cssSelector("#chart-by-kind[data-shown='" + halfYearAgo + "/" + month + "']"));
        assertEquals(pointsByKind(halfYearAgo, month), chartFigures("chart-by-kind"));
        awaitChart("chart-by-partner", () -> redeemedByPartner(halfYearAgo + "-01", Community.today().toString()));
        browser.script("arguments[0].scrollIntoView()", browser.driver().findElement(By.id("chart-period")));
        browser.screenshot(SCREENSHOTS, "staff-charts-half-year-desktop");
        assertEquals(List.of(), accessibilityProblems("staff-charts half a year"), "the charts of a chosen period");

        // The English toggle: the same figures under English headings.
        browser.driver().findElement(By.id("lang")).click();
        try {
            // The view is drawn again in English: wait for the new tab, not the Chinese one still on the page.
            browser.waitForText(By.cssSelector("[role=tab][data-tab=charts]"), "Charts").click();
            WebElement english = browser.waitFor(By.cssSelector("#chart-by-kind[data-shown='" + month + "/" + month + "']"));
            assertTrue(english.getText().contains("Points issued by activity kind"), english.getText());
            assertEquals(pointsByKind(month, month), chartFigures("chart-by-kind"));
        } finally {
            browser.driver().findElement(By.id("lang")).click();
        }
    }

    @Test
    void theMainActionsAreReachableWithTheTabKey() {
        browser.phone(false);
        browser.loginAs(STAFF);
        browser.open("#/staff");
        WebElement ask = browser.waitFor(By.cssSelector("#adjustment-form button[type=submit]"));
        assertTrue(Accessibility.reachableByTab(browser.driver(), ask, 40), "staff: submit adjustment");
        browser.loginAs(CANTEEN_STAFF);
        browser.open("#/counter");
        WebElement fulfil = browser.waitFor(By.cssSelector("#fulfil-form button[type=submit]"));
        assertTrue(Accessibility.reachableByTab(browser.driver(), fulfil, 30), "counter: fulfil");
        browser.loginAs(GRID_WORKER);
        browser.open("#/grid");
        WebElement roster = browser.waitFor(By.cssSelector("button[data-activity]"));
        assertTrue(Accessibility.reachableByTab(browser.driver(), roster, 30), "grid worker: open a roster");
    }

    @Test
    void everyPageRendersWithoutAProblemAtPhoneAndDesktopSize() throws Exception {
        Path dir = SCREENSHOTS;
        Suite.Resident resident = suite.newResident();
        community.serveShift(resident, "event-help", 120);
        community.awaitBalance(resident, 2L * community.pointsPerHour("event-help"), 0);
        // A voucher to show: the home page draws its QR code.
        JsonPath lunch = community.redeem(resident, community.reward(DemoData.LUNCH).getString("id"), null);
        community.awaitRedemption(resident, lunch.getString("id"), "CONFIRMED");
        // Who, where, the screenshot's name, the tab to open (or null), and what shows that the page has loaded.
        List<String[]> pages = List.of(
                new String[] { resident.username(), "#/me", "resident-home", null, "article.voucher img.qr" },
                new String[] { resident.username(), "#/me", "resident-passbook", "passbook", "#passbook tbody tr" },
                new String[] { resident.username(), "#/me", "resident-rewards", "rewards", "article[data-reward]" },
                new String[] { GRID_WORKER, "#/grid", "grid-worker", null, "button[data-activity]" },
                new String[] { CANTEEN_STAFF, "#/counter", "partner-counter", null, "#today h3" },
                new String[] { STAFF, "#/staff", "staff-adjustments", null, "#approvals h3" },
                new String[] { STAFF, "#/staff", "staff-residents", "residents", "tr[data-member]" },
                new String[] { STAFF, "#/staff", "staff-households", "households", "article.household" },
                new String[] { STAFF, "#/staff", "staff-join-requests", "joinRequests", "#no-requests, .join-request" },
                new String[] { STAFF, "#/staff", "staff-proxies", "proxies", "#grants[data-loaded=yes]" },
                new String[] { STAFF, "#/staff", "staff-charts", "charts", CHARTS_SHOWN },
                new String[] { STAFF, "#/staff", "staff-reconciliation", "reconciliation", "#reconciliation" },
                new String[] { "qian-hui", "#/ops", "operator-dead-letters", null, ".dead-letters[data-service=catalog]" });
        List<String> inaccessible = new java.util.ArrayList<>();
        String loggedIn = null;
        for (String[] page : pages) {
            if (!page[0].equals(loggedIn)) {
                browser.loginAs(page[0]);
                loggedIn = page[0];
            }
            for (boolean phone : new boolean[] { true, false }) {
                browser.phone(phone);
                browser.open(page[1]);
                if (page[3] != null) {
                    browser.waitFor(By.cssSelector("[role=tab][data-tab=" + page[3] + "]")).click();
                }
                browser.waitFor(By.cssSelector(page[4]));
                if (page[1].equals("#/grid")) {
                    browser.waitFor(By.cssSelector("button[data-activity]")).click();
                    browser.waitFor(By.cssSelector("#check-in-code .code"));
                }
                assertEquals(List.of(), browser.driver().findElements(By.cssSelector("main .problem")).stream()
                        .map(WebElement::getText).toList(), page[2]);
                browser.screenshot(dir, page[2] + (phone ? "-phone" : "-desktop"));
                Accessibility.seriousViolations(browser.driver())
                        .forEach(v -> inaccessible.add(page[2] + (phone ? " phone: " : " desktop: ") + v));
                if (!phone) {
                    // 200 % zoom of the 1280 px desktop window: 640 CSS pixels, and nothing may need sideways scrolling.
                    browser.width(640);
                    long overflow = Accessibility.horizontalOverflow(browser.driver());
                    if (overflow > 0) {
                        inaccessible.add(page[2] + " at 640 px: " + overflow + " px of horizontal scrolling");
                    }
                    browser.phone(false);
                }
                if (page[2].equals("resident-home") && phone) {
                    // The large-type mode for elderly residents: the same page, everything a third larger.
                    browser.driver().findElement(By.id("large")).click();
                    browser.screenshot(dir, "resident-home-large-type-phone");
                    browser.driver().findElement(By.id("large")).click();
                }
            }
        }
        browser.driver().executeScript("sessionStorage.clear()");
        for (boolean phone : new boolean[] { true, false }) {
            browser.phone(phone);
            browser.driver().get(suite.gatewayUrl() + "/");
            browser.waitFor(By.cssSelector("#login input[name=username]"));
            browser.screenshot(dir, "login" + (phone ? "-phone" : "-desktop"));
            Accessibility.seriousViolations(browser.driver())
                    .forEach(v -> inaccessible.add("login" + (phone ? " phone: " : " desktop: ") + v));
        }
        assertEquals(List.of(), inaccessible, "axe-core's serious and critical violations, and overflow at 200 % zoom");
    }

    /** A newcomer's request to join 梧桐, sent as the mini-program sends it; returns its id. */
    private static String askToJoin(Suite.Resident newcomer, String name, String address) {
        return community.api().as(newcomer).header("Idempotency-Key", "join-" + newcomer.username())
                .body(Map.of("displayName", name, "phone", "139 1234 5678", "address", address))
                .post("/api/community/join-requests").then().statusCode(201).body("status", equalTo("PENDING"))
                .extract().path("id");
    }

    /** axe-core's serious and critical findings on the page as it is, at phone and desktop size, and overflow at 640 px. */
    private static List<String> accessibilityProblems(String name) {
        List<String> found = new java.util.ArrayList<>();
        for (boolean phone : new boolean[] { true, false }) {
            browser.phone(phone);
            Accessibility.seriousViolations(browser.driver())
                    .forEach(v -> found.add(name + (phone ? " phone: " : " desktop: ") + v));
        }
        browser.width(640);
        long overflow = Accessibility.horizontalOverflow(browser.driver());
        if (overflow > 0) {
            found.add(name + " at 640 px: " + overflow + " px of horizontal scrolling");
        }
        browser.phone(false);
        return found;
    }

    /** A chart card's data table (folded under its summary, so read from the document, not as shown): label -> value. */
    private static Map<String, String> chartFigures(String cardId) {
        @SuppressWarnings("unchecked")
        List<List<String>> rows = (List<List<String>>) browser.script("return Array.from(document.querySelectorAll("
                + "'#' + arguments[0] + ' .chart-data tbody tr')).map((tr) => [tr.querySelector('th').textContent,"
                + " tr.querySelector('td').textContent])", cardId);
        Map<String, String> figures = new java.util.LinkedHashMap<>();
        rows.forEach(row -> figures.put(row.get(0), row.get(1)));
        return figures;
    }

    /** activity-service's points issued by kind for the months, name -> points, in its order. */
    private static Map<String, String> pointsByKind(String from, String to) {
        JsonPath report = community.api().as(STAFF).get("/api/activity/reports/points-by-kind?from=" + from + "&to=" + to)
                .then().statusCode(200).extract().jsonPath();
        Map<String, String> figures = new java.util.LinkedHashMap<>();
        report.getList("kinds", Map.class).forEach(k -> figures.put((String) k.get("name"), String.valueOf(k.get("points"))));
        return figures;
    }

    /** What each partner redeemed in the days, as catalog-service's settlement counts it: residents' and subsidy points. */
    private static Map<String, String> redeemedByPartner(String from, String to) {
        Map<String, String> figures = new java.util.LinkedHashMap<>();
        for (Map<?, ?> partner : community.api().as(STAFF).get("/api/catalog/partners").then().statusCode(200).extract()
                .jsonPath().getList("", Map.class)) {
            JsonPath settlement = community.api().as(STAFF)
                    .get("/api/catalog/partners/" + partner.get("id") + "/settlement?from=" + from + "&to=" + to)
                    .then().statusCode(200).extract().jsonPath();
            figures.put((String) partner.get("name"),
                    String.valueOf(settlement.getLong("pointsCaptured") + settlement.getLong("subsidyCaptured")));
        }
        return figures;
    }

    /**
     * Waits until the chart shows what the service says now: a capture from an earlier test may still be landing, so
     * the period is drawn again (its Show button) until the page and the service agree.
     */
    private static void awaitChart(String cardId, java.util.function.Supplier<Map<String, String>> expected) {
        Map<String, String> last = null;
        for (long end = System.nanoTime() + Duration.ofSeconds(60).toNanos(); System.nanoTime() < end;) {
            last = expected.get();
            if (last.equals(chartFigures(cardId))) {
                return;
            }
            browser.driver().findElement(By.cssSelector("#chart-period button[type=submit]")).click();
            browser.waitFor(By.cssSelector("#" + cardId + "[data-shown]"));
        }
        assertEquals(last, chartFigures(cardId), cardId);
    }
}
