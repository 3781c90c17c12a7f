package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.contracts.seal.CanonicalTransaction;
import org.communitypoints.points.domain.Account;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.ShiftCreditDescription;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.ChainRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Rows that store less than they used to (README "Storage per credit", V96 on) read back exactly as the rows stored
 * before: the same transaction content, stored once the old way (every column written out, as rows stored before the
 * migrations are) and once through the journal's writer, gives the same export, passbook and hashed canonical form.
 */
@QuarkusTest
class StoredRowsReadBackTest {

    @Inject
    LedgerChecks ledger;
    @Inject
    AccountRepository accounts;
    @Inject
    JournalRepository journal;
    @Inject
    ChainRepository chain;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private static String community() {
        return "stored-" + UUID.randomUUID();
    }

    /** A shift credit as the crediting path builds it, under an id of its own. */
    private static JournalTransaction shiftCredit(String community, String member, UUID shift, String description,
            int minutes) {
        return new JournalTransaction(UUID.randomUUID(), community, TransactionKind.SHIFT_CREDIT, "SHIFT",
                shift.toString(), description, "grid-wang", null,
                List.of(Posting.posted(AccountKey.resident(community, member), 7),
                        Posting.posted(AccountKey.issuance(community), -7)))
                .withShiftMinutes(shift, minutes);
    }

    /** Stores the transaction through the journal's writer, as every booking is stored now. */
    private void append(JournalTransaction transaction, Instant at) {
        List<AccountKey> keys = transaction.postings().stream().map(Posting::account).toList();
        QuarkusTransaction.requiringNew()
                .run(() -> journal.append(List.of(transaction), accounts.openAndLock(keys), at));
    }

    /** Stores the transaction with every column written out, as rows stored before V94 were. */
    private void appendAsBefore(JournalTransaction transaction, Instant at) {
        List<AccountKey> keys = transaction.postings().stream().map(Posting::account).toList();
        OffsetDateTime posted = at.atOffset(ZoneOffset.UTC);
        QuarkusTransaction.requiringNew().run(() -> {
            Map<AccountKey, Account> opened = accounts.openAndLock(keys);
            try (Connection connection = ledger.dataSource().getConnection();
                    PreparedStatement row = connection.prepareStatement("""
                            insert into journal_transaction (id, community_id, kind, cause_type, cause_id, description,
                                                             actor, shift_id, shift_minutes, posted_at)
                            values (?, ?, ?::transaction_kind, ?, ?, ?, ?, ?, ?, ?)""");
                    PreparedStatement legs = connection.prepareStatement("""
                            insert into posting (transaction_id, account_id, amount, pending, posted_at)
                            select ?, a, m, false, ? from unnest(?::bigint[], ?::bigint[]) u(a, m)""")) {
                row.setObject(1, transaction.id());
                row.setString(2, transaction.communityId());
                row.setString(3, transaction.kind().name());
                row.setString(4, transaction.causeType());
                row.setString(5, transaction.causeId());
                row.setString(6, transaction.description());
                row.setString(7, transaction.actor());
                row.setObject(8, transaction.shiftMinutes().shiftId());
                row.setInt(9, transaction.shiftMinutes().minutes());
                row.setObject(10, posted);
                row.executeUpdate();
                legs.setObject(1, transaction.id());
                legs.setObject(2, posted);
                legs.setArray(3, connection.createArrayOf("int8",
                        transaction.postings().stream().map(p -> opened.get(p.account()).id()).toArray()));
                legs.setArray(4, connection.createArrayOf("int8",
                        transaction.postings().stream().map(Posting::amount).toArray()));
                legs.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The canonical content of a linked transaction, as the chain export, the proofs and the seals read it. */
    private CanonicalTransaction linked(UUID transactionId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> chain.linkOf(transactionId),
                java.util.Optional::isPresent).get().content();
    }

    /** The same content under another id: what two bookings of one content must agree on. */
    private static CanonicalTransaction withId(CanonicalTransaction content, UUID id) {
        return new CanonicalTransaction(id, content.communityId(), content.kind(), content.causeType(),
                content.causeId(), content.actor(), content.approvedBy(), content.reason(), content.description(),
                content.postedAt(), content.legs());
    }

    /** The journal export's entries of one transaction, read from the start of the export to its end. */
    private static List<Map<String, Object>> exported(UUID transactionId) {
        List<Map<String, Object>> entries = new ArrayList<>();
        String cursor = null;
        while (true) {
            var request = given().auth().oauth2(Tokens.reconciler()).queryParam("limit", 5000);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            JsonPath page = request.when().get("/api/points/exports/journal").then().statusCode(200).extract()
                    .jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            if (items.isEmpty()) {
                return entries;
            }
            items.stream().filter(e -> transactionId.toString().equals(e.get("transactionId"))).forEach(entries::add);
            cursor = page.getString("nextCursor");
        }
    }

    /** An entry without what differs between two bookings of one content (their ids and places in the journal). */
    private static Map<String, Object> contentOf(Map<String, Object> entry) {
        Map<String, Object> content = new java.util.TreeMap<>(entry);
        content.keySet().removeAll(List.of("sequence", "transactionId", "cursor"));
        return content;
    }

    private List<Map<String, Object>> passbook(String community, String member) {
        return given().auth().oauth2(Tokens.resident(member, community)).queryParam("limit", 10)
                .when().get("/api/points/me/passbook").then().statusCode(200).extract().jsonPath().getList("lines");
    }

    @Test
    void aShiftCreditStoresItsActivityAloneAndReadsBackTheDescriptionAStoredOneGives() {
        String community = community();
        String description = ShiftCreditDescription.of("垃圾分类督导 · 晚间", 90);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // one content booked twice, the two differing in their ids only
        UUID shift = UUID.randomUUID();
        JournalTransaction before = shiftCredit(community, "resident-a", shift, description, 90);
        JournalTransaction now = shiftCredit(community, "resident-a", shift, description, 90);
        appendAsBefore(before, at);
        append(now, at);

        // the row written now holds the activity in place of the description (V96), no cause id (V94) and no cause
        // type (V102); the row written before, all of it
        assertEquals(1, ledger.count("select count(*) from journal_transaction where id = ? and description is null "
                + "and activity_title = '垃圾分类督导 · 晚间' and cause_id is null and cause_type is null", now.id()));
        assertEquals(1, ledger.count("select count(*) from journal_transaction where id = ? and description = ? "
                + "and activity_title is null and cause_type = 'SHIFT'", before.id(), description));
        // both rows store their kind as the 4-byte enum (V101; the rows stored before were rewritten by the migration),
        // not the 13 bytes of its name
        assertEquals(2, ledger.count("select count(*) from journal_transaction where id in (?, ?) "
                + "and pg_column_size(kind) = 4 and kind::text = 'SHIFT_CREDIT'", before.id(), now.id()));

        // the hashed canonical form: the same content gives the same bytes, and they say what was booked
        CanonicalTransaction linkedBefore = linked(before.id());
        CanonicalTransaction linkedNow = linked(now.id());
        assertArrayEquals(withId(linkedBefore, now.id()).canonicalBytes(), linkedNow.canonicalBytes());
        assertEquals(description, linkedNow.description());
        assertEquals(shift.toString(), linkedNow.causeId());
        assertEquals("SHIFT_CREDIT", linkedNow.kind());
        assertEquals("SHIFT", linkedNow.causeType());
        assertEquals(at, linkedNow.postedAt());

        // the journal export and the passbook say the same for both
        List<Map<String, Object>> exportedBefore = exported(before.id());
        List<Map<String, Object>> exportedNow = exported(now.id());
        assertEquals(2, exportedNow.size());
        assertEquals(description, exportedNow.get(0).get("description"));
        assertEquals(exportedBefore.stream().map(StoredRowsReadBackTest::contentOf).toList(),
                exportedNow.stream().map(StoredRowsReadBackTest::contentOf).toList());
        List<Map<String, Object>> lines = passbook(community, "resident-a");
        assertEquals(2, lines.size());
        assertEquals(description, lines.get(0).get("description"));
        assertEquals(lines.get(1).get("description"), lines.get(0).get("description"));
        assertEquals(lines.get(1).get("postedAt"), lines.get(0).get("postedAt"));
        assertEquals(description, journal.find(now.id()).orElseThrow().description());
    }

    @Test
    void aShiftCreditWhoseDescriptionIsNotTheTemplateStoresItWhole() {
        String community = community();
        // the minutes in the text are not the shift's minutes: the text cannot be rebuilt, so it is kept as it is
        String description = ShiftCreditDescription.of("社区巡逻", 30);
        JournalTransaction credit = shiftCredit(community, "resident-a", UUID.randomUUID(), description, 45);
        append(credit, Instant.now());

        assertEquals(1, ledger.count("select count(*) from journal_transaction where id = ? and description = ? "
                + "and activity_title is null", credit.id(), description));
        assertEquals(description, linked(credit.id()).description());
    }

    @Test
    void theDatabaseRefusesARowWithNeitherADescriptionNorAnActivityItCanBeRebuiltFrom() {
        String community = community();
        UUID id = UUID.randomUUID();
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Connection connection = ledger.dataSource().getConnection();
                    PreparedStatement row = connection.prepareStatement("""
                            insert into journal_transaction (id, community_id, kind, cause_type, cause_id, description,
                                                             actor, activity_title, posted_at)
                            values (?, ?, 'ADJUSTMENT', 'ADJUSTMENT', ?, null, 'staff-li', '补记', now())""")) {
                row.setObject(1, id);
                row.setString(2, community);
                row.setString(3, id.toString());
                row.executeUpdate();
            }
        });
        assertEquals("23514", refused.getSQLState(), refused.getMessage());
    }

    @Test
    void aPostingTakesItsTimeFromItsTransactionAndEveryAsOfFigureReadsAsAStoredTimeGives() {
        String community = community();
        Instant at = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        JournalTransaction before = shiftCredit(community, "resident-a", UUID.randomUUID(),
                ShiftCreditDescription.of("社区巡逻", 60), 60);
        JournalTransaction now = shiftCredit(community, "resident-a", UUID.randomUUID(),
                ShiftCreditDescription.of("社区巡逻", 60), 60);
        appendAsBefore(before, at);
        append(now, at);

        // the postings written now keep no time of their own (V97); those written before, a copy of it
        assertEquals(2, ledger.count("select count(*) from posting where transaction_id = ? and posted_at is null",
                now.id()));
        assertEquals(2, ledger.count("select count(*) from posting where transaction_id = ? and posted_at = ?",
                before.id(), at.atOffset(ZoneOffset.UTC)));

        // the export dates both the same
        List<Map<String, Object>> exportedNow = exported(now.id());
        assertEquals(2, exportedNow.size());
        assertEquals(at, Instant.parse((String) exportedNow.get(0).get("postedAt")));
        assertEquals(exported(before.id()).stream().map(e -> e.get("postedAt")).toList(),
                exportedNow.stream().map(e -> e.get("postedAt")).toList());

        // the resident's balance and the reconciler's balances as of a moment count both from that moment on
        assertEquals(List.of(0L, 14L), List.of(balanceAsOf(community, at.minusSeconds(1)), balanceAsOf(community, at)));
        JsonPath balances = given().auth().oauth2(Tokens.reconciler()).queryParam("asOf", at.toString())
                .queryParam("communityId", community).when().get("/api/points/exports/balances").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(14, -14), balances.getList("balances.posted", Integer.class).stream()
                .sorted(java.util.Comparator.reverseOrder()).toList());
        assertEquals(List.of(), given().auth().oauth2(Tokens.reconciler())
                .queryParam("asOf", at.minusSeconds(1).toString()).queryParam("communityId", community)
                .when().get("/api/points/exports/balances").then().statusCode(200).extract().jsonPath()
                .getList("balances"));

        // the passbook's date range finds both lines on their day and neither the day before
        java.time.LocalDate day = at.atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate();
        assertEquals(2, passbookBetween(community, "resident-a", day, day).size());
        assertEquals(0, passbookBetween(community, "resident-a", day.minusDays(1), day.minusDays(1)).size());
        List<Map<String, Object>> lines = passbook(community, "resident-a");
        assertEquals(lines.get(1).get("postedAt"), lines.get(0).get("postedAt"));
    }

    @Test
    void anIssuanceLegIsLeftOutOfTheAccountIndexAndTheIssuanceBalanceReadsAsItsPostingsGive() {
        String community = community();
        Instant at = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        JournalTransaction before = shiftCredit(community, "resident-a", UUID.randomUUID(),
                ShiftCreditDescription.of("社区巡逻", 60), 60);
        JournalTransaction now = shiftCredit(community, "resident-a", UUID.randomUUID(),
                ShiftCreditDescription.of("社区巡逻", 60), 60);
        appendAsBefore(before, at);
        append(now, at);

        // the issuance leg written now is marked, and so left out of posting_by_account (V100); the resident's leg and
        // both legs written before are not, and stay in it
        assertEquals(1, ledger.count("""
                select count(*) from posting p join account a on a.id = p.account_id
                where p.transaction_id = ? and p.issuance_leg and a.type = 'ISSUANCE'""", now.id()));
        assertEquals(1, ledger.count("select count(*) from posting where transaction_id = ? and issuance_leg is null",
                now.id()));
        assertEquals(2, ledger.count("select count(*) from posting where transaction_id = ? and issuance_leg is null",
                before.id()));
        assertEquals(1, ledger.count("""
                select count(*) from pg_indexes where schemaname = 'points' and indexname = 'posting_by_account'
                  and indexdef like '%WHERE (issuance_leg IS NULL)'"""));

        // the issuance balance staff read (derived from the community's other accounts) and as of a moment equal what
        // the issuance account's own postings, old and new, sum to
        long issued = ledger.count("""
                select sum(p.amount) from posting p join account a on a.id = p.account_id
                where a.community_id = ? and a.type = 'ISSUANCE'""", community);
        assertEquals(-14, issued);
        given().auth().oauth2(Tokens.staff("staff-li", community)).when().get("/api/points/accounts").then()
                .statusCode(200).body("find { it.type == 'ISSUANCE' }.posted", org.hamcrest.Matchers.equalTo((int) issued))
                .body("find { it.type == 'ISSUANCE' }.pending", org.hamcrest.Matchers.equalTo(0));
        assertEquals(List.of(0L, issued), List.of(
                accounts.findAsOf(AccountKey.issuance(community), at.minusSeconds(1)).orElseThrow().posted(),
                accounts.findAsOf(AccountKey.issuance(community), at).orElseThrow().posted()));

        // the balance export derives the issuance account's balance from its community's other accounts as well (their
        // postings as of the moment, through posting_by_account), the same figure by double entry
        assertEquals(List.of((int) issued), issuanceInBalanceExport(community, at));

        // so the reconciler, which sums the journal export's issuance legs itself, compares two different readings:
        // a superuser's edit of an issuance leg (triggers off) leaves the export's figure where the other accounts
        // put it, no longer what the issuance legs sum to, which is the mismatch its balance check reports
        try (Connection superuser = org.communitypoints.testsupport.TestDatabase.asSuperuser();
                java.sql.Statement statement = superuser.createStatement()) {
            statement.execute("set session_replication_role = replica");
            String leg = "update points.posting set amount = amount %s 100 where transaction_id = '" + now.id()
                    + "' and issuance_leg";
            statement.execute(leg.formatted("-"));
            try {
                assertEquals(issued - 100, ledger.count("""
                        select sum(p.amount) from posting p join account a on a.id = p.account_id
                        where a.community_id = ? and a.type = 'ISSUANCE'""", community));
                assertEquals(List.of((int) issued), issuanceInBalanceExport(community, at));
            } finally {
                statement.execute(leg.formatted("+"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }

        // the resident's passbook, read through the partial index, has both lines
        assertEquals(2, passbook(community, "resident-a").size());
        assertEquals(14L, balanceAsOf(community, at));
    }

    private static List<Integer> issuanceInBalanceExport(String community, Instant asOf) {
        return given().auth().oauth2(Tokens.reconciler()).queryParam("asOf", asOf.toString())
                .queryParam("communityId", community).when().get("/api/points/exports/balances").then()
                .statusCode(200).extract().jsonPath()
                .getList("balances.findAll { it.accountType == 'ISSUANCE' }.posted", Integer.class);
    }

    private static long balanceAsOf(String community, Instant asOf) {
        return given().auth().oauth2(Tokens.resident("resident-a", community)).queryParam("asOf", asOf.toString())
                .when().get("/api/points/me/balance").then().statusCode(200).extract().jsonPath().getLong("posted");
    }

    private static List<Map<String, Object>> passbookBetween(String community, String member, java.time.LocalDate from,
            java.time.LocalDate to) {
        return given().auth().oauth2(Tokens.resident(member, community)).queryParam("from", from.toString())
                .queryParam("to", to.toString()).when().get("/api/points/me/passbook").then().statusCode(200)
                .extract().jsonPath().getList("lines");
    }
}
