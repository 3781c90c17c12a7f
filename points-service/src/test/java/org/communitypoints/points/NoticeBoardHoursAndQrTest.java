package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.service.SealService;
import org.communitypoints.points.service.ShiftCreditingService;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The notice board's hours served per resident and the QR code of its verification link. */
@QuarkusTest
class NoticeBoardHoursAndQrTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** A month long over, apart from the other tests' months, so the sealed-month trigger never meets their bookings. */
    private static final YearMonth MONTH = YearMonth.of(2025, 5);

    @Inject
    LedgerChecks ledger;
    @Inject
    SealService seals;
    @Inject
    AccountRepository accounts;
    @Inject
    JournalRepository journal;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private static String community() {
        return "board-" + UUID.randomUUID();
    }

    private void book(JournalTransaction transaction, int day) {
        Instant at = MONTH.atDay(day).atTime(10, 0).atZone(ZONE).toInstant();
        AccountKey resident = transaction.postings().get(0).account();
        AccountKey issuance = AccountKey.issuance(transaction.communityId());
        QuarkusTransaction.requiringNew().run(
                () -> journal.append(List.of(transaction), accounts.openAndLock(List.of(resident, issuance)), at));
    }

    private static JournalTransaction shiftCredit(String community, String member, UUID shiftId, long points,
            int minutes) {
        return new JournalTransaction(ShiftCreditingService.creditOf(shiftId), community, TransactionKind.SHIFT_CREDIT,
                ShiftCreditingService.CAUSE_SHIFT, shiftId.toString(), "志愿服务：楼道清扫（" + minutes + " 分钟）",
                "grid-wang", null, List.of(Posting.posted(AccountKey.resident(community, member), points),
                        Posting.posted(AccountKey.issuance(community), -points)))
                .withShiftMinutes(shiftId, minutes);
    }

    private static JournalTransaction shiftCorrection(String community, String member, UUID shiftId, long delta,
            int correctedMinutes) {
        UUID correctionId = UUID.randomUUID();
        return new JournalTransaction(ShiftCreditingService.correctionOf(correctionId), community,
                TransactionKind.SHIFT_CORRECTION, ShiftCreditingService.CAUSE_CORRECTION, correctionId.toString(),
                "服务时长更正：楼道清扫", "staff-zhao", "签退时间记错", List.of(
                        Posting.posted(AccountKey.resident(community, member), delta),
                        Posting.posted(AccountKey.issuance(community), -delta)))
                .withShiftMinutes(shiftId, correctedMinutes);
    }

    private void seal(String community) {
        await().atMost(Duration.ofSeconds(20)).until(() -> seals.seal(community, MONTH, Instant.now()),
                Optional::isPresent);
    }

    private static String board(String community) {
        return given().auth().oauth2(Tokens.resident("resident-b", community))
                .when().get("/api/points/notice-board/" + MONTH).then().statusCode(200).extract().asString();
    }

    @Test
    void aCreditedShiftRecordsItsShiftAndMinutesInTheJournal() {
        String community = community();
        UUID shiftId = ledger.credit(community, "resident-a", 10, "楼道清扫");
        UUID credit = ShiftCreditingService.creditOf(shiftId);
        assertEquals(List.of(shiftId + "/60"), ledger.ids(
                "select shift_id || '/' || shift_minutes from journal_transaction where id = ?", credit));
    }

    @Test
    void theDatabaseDerivesAShiftCreditsIdExactlyAsTheCreditingDoes() {
        // the hours query finds credits by this id instead of an index on every credit's shift (V92)
        UUID shiftId = UUID.randomUUID();
        assertEquals(List.of(ShiftCreditingService.creditOf(shiftId).toString(),
                DerivedIds.of("志愿服务", "楼道清扫").toString()),
                ledger.ids("select derived_id('shift-credit|' || cast(? as uuid))::text union all "
                        + "select derived_id('志愿服务|楼道清扫')::text", shiftId.toString()));
    }

    @Test
    void theNoticeBoardShowsTheHoursEachResidentServedLessWhatCorrectionsTookOff() {
        String community = community();
        UUID walk = UUID.randomUUID();
        book(shiftCredit(community, "resident-a", walk, 10, 60), 3);
        book(shiftCredit(community, "resident-a", UUID.randomUUID(), 15, 90), 4);
        book(shiftCredit(community, "resident-b", UUID.randomUUID(), 8, 45), 5);
        book(shiftCorrection(community, "resident-a", walk, -5, 30), 6);
        seal(community);

        String page = board(community);
        // 60 + 90 minutes, less the 30 the correction took off the first shift: 2.0 hours; 45 minutes: 0.8 hours
        assertTrue(page.contains("<th>服务时长（小时）</th>"), page);
        assertTrue(page.contains("<td>r********a</td><td class=\"n\">2.0</td><td class=\"n\">25</td>"
                + "<td class=\"n\">5</td>"), page);
        assertTrue(page.contains("<td>r********b</td><td class=\"n\">0.8</td><td class=\"n\">8</td>"), page);
        assertTrue(page.contains("<th>合计</th><th class=\"n\">2.8</th>"), page);
    }

    @Test
    void aResidentWithoutShiftsInTheMonthServedNoHours() {
        String community = community();
        UUID id = UUID.randomUUID();
        book(new JournalTransaction(id, community, TransactionKind.ADJUSTMENT, "ADJUSTMENT", id.toString(),
                "积分调整：补记", "staff-li", "补记", List.of(Posting.posted(AccountKey.resident(community, "resident-c"), 7),
                        Posting.posted(AccountKey.issuance(community), -7))),
                7);
        seal(community);

        assertTrue(board(community).contains("<td>r********c</td><td class=\"n\">0.0</td><td class=\"n\">7</td>"));
    }

    @Test
    void theNoticeBoardCarriesAQrCodeOfTheVerifierAddressDrawnInThePage() throws Exception {
        String community = community();
        book(shiftCredit(community, "resident-a", UUID.randomUUID(), 10, 60), 3);
        seal(community);

        String page = board(community);
        String scanned = decodeQr(page);
        assertTrue(scanned.matches("https?://[^/]+/api/points/verify"), scanned);
        assertTrue(page.contains("扫码或打开 " + scanned + " 核验"), "the address is printed beside the code too");
        assertFalse(Pattern.compile("(src|href)=\"https?:").matcher(page).find(), "nothing is loaded from elsewhere");
    }

    /** Reads the page's SVG back into pixels (4 per module) and scans it with ZXing's reader. */
    private static String decodeQr(String page) throws Exception {
        Matcher svg = Pattern.compile("<svg [^>]*viewBox=\"0 0 (\\d+) \\d+\".*?d=\"([^\"]*)\"").matcher(page);
        assertTrue(svg.find(), "an inline SVG QR code");
        int modules = Integer.parseInt(svg.group(1));
        int scale = 4;
        int side = modules * scale;
        int[] pixels = new int[side * side];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher square = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg.group(2));
        while (square.find()) {
            int x = Integer.parseInt(square.group(1));
            int y = Integer.parseInt(square.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * side + x * scale + dx] = 0xFF000000;
                }
            }
        }
        return new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)))).getText();
    }
}
