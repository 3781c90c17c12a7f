package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.contracts.export.ChainLink;
import org.communitypoints.contracts.seal.CanonicalTransaction;
import org.communitypoints.contracts.seal.JournalHashes;
import org.communitypoints.contracts.seal.SealStatement;
import org.communitypoints.contracts.seal.SignedSeal;
import org.communitypoints.contracts.seal.TransactionProof;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.TransactionKind;
import org.communitypoints.points.repository.AccountRepository;
import org.communitypoints.points.repository.ChainRepository;
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.service.SealService;
import org.communitypoints.testsupport.TestDatabase;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/** The hash chain over the journal, the signed monthly seal, and a resident's proof (README "Hash chain, seals and proofs"). */
@QuarkusTest
class JournalSealTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** A month long over, so that the sealed-month trigger never meets the other tests' bookings. */
    private static final YearMonth MONTH = YearMonth.of(2025, 3);

    @Inject
    LedgerChecks ledger;
    @Inject
    SealService seals;
    @Inject
    AccountRepository accounts;
    @Inject
    JournalRepository journal;
    @Inject
    ObjectMapper json;
    @Inject
    ChainRepository chain;

    @AfterEach
    void invariantsHold() {
        ledger.assertInvariants();
    }

    private static String community() {
        return "seal-" + UUID.randomUUID();
    }

    /** An adjustment booked as if on a day of {@link #MONTH}. */
    private UUID bookIn(String community, String member, long points, int day) {
        UUID id = UUID.randomUUID();
        Instant at = MONTH.atDay(day).atTime(10, 0).atZone(ZONE).toInstant();
        AccountKey resident = AccountKey.resident(community, member);
        AccountKey issuance = AccountKey.issuance(community);
        QuarkusTransaction.requiringNew().run(() -> journal.append(
                List.of(new JournalTransaction(id, community, TransactionKind.ADJUSTMENT, "ADJUSTMENT", id.toString(),
                        "积分调整：补记三月巡逻", "staff-li", "补记", List.of(Posting.posted(resident, points),
                                Posting.posted(issuance, -points)))),
                accounts.openAndLock(List.of(resident, issuance)), at));
        return id;
    }

    private List<ChainLink> chainOf(String community) {
        List<ChainLink> links = new java.util.ArrayList<>();
        String after = null;
        while (true) {
            var request = given().auth().oauth2(Tokens.reconciler()).queryParam("limit", 5000);
            if (after != null) {
                request.queryParam("after", after);
            }
            String body = request.when().get("/api/points/exports/chain").then().statusCode(200).extract().asString();
            try {
                var page = json.readTree(body);
                List<ChainLink> items = json.convertValue(page.get("items"), new TypeReference<List<ChainLink>>() {
                });
                if (items.isEmpty()) {
                    return links;
                }
                items.stream().filter(l -> l.communityId().equals(community)).forEach(links::add);
                after = page.get("nextCursor").asText();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private SealService.Sealed seal(String community) {
        // the chain's sequencer may hold the lock for a moment: sealing is tried again, as the job would
        return await().atMost(Duration.ofSeconds(20)).until(() -> seals.seal(community, MONTH, Instant.now()),
                Optional::isPresent).get();
    }

    private static PublicKey publishedKey() {
        String key = given().when().get("/api/points/seal-key").then().statusCode(200)
                .body("algorithm", equalTo("Ed25519")).extract().path("publicKey");
        return SignedSeal.publicKey(key);
    }

    @Test
    void committedTransactionsAreLinkedWithinSecondsAndEachLinkRecomputesFromTheOneBefore() {
        String community = community();
        for (int i = 0; i < 3; i++) {
            ledger.credit(community, "resident-" + i, 5 + i, "食堂秩序维护");
        }
        List<ChainLink> chain = await().atMost(Duration.ofSeconds(20)).until(() -> chainOf(community),
                links -> links.size() == 3);
        assertEquals(List.of(1L, 2L, 3L), chain.stream().map(ChainLink::position).toList());
        assertEquals(JournalHashes.hex(JournalHashes.GENESIS), chain.get(0).previousHash());
        for (int i = 0; i < 3; i++) {
            ChainLink link = chain.get(i);
            if (i > 0) {
                assertEquals(chain.get(i - 1).hash(), link.previousHash());
            }
            assertTrue(TransactionProof.links(link.previousHash(), link.content(), link.hash()), "link " + (i + 1));
        }
    }

    @Test
    void aLinkStoringNoPreviousHashIsRefusedUnlessItFollowsALinkOfTheSameStatement() throws SQLException {
        // a link stores no previous hash only when the link before it came in the same sequencer statement (V93):
        // the stored chain is always continued through a previous hash the database compared with the stored head
        String community = community();
        ledger.credit(community, "resident-a", 5, "食堂秩序维护");
        await().atMost(Duration.ofSeconds(20)).until(() -> chainOf(community).size() == 1);
        try (Connection connection = ledger.dataSource().getConnection();
                Statement insert = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> insert.executeUpdate("""
                    insert into chain_link (community_id, position, transaction_id, posted_at, previous_hash, hash)
                    values ('%s', 2, '%s', now(), null, decode(repeat('ab', 32), 'hex'))"""
                    .formatted(community, UUID.randomUUID())));
            assertEquals("23514", refused.getSQLState(), refused.getMessage());
        }
    }

    @Test
    void aTransactionIsLinkedOnceThoughNoIndexNamesItsLink() throws SQLException {
        // links are found through their transaction's community and time (V98): the database still refuses a second
        // link of a transaction, whether it carries the transaction's time or another one
        String community = community();
        ledger.credit(community, "resident-a", 5, "食堂秩序维护");
        await().atMost(Duration.ofSeconds(20)).until(() -> chainOf(community).size() == 1);
        assertEquals(0, ledger.count("""
                select count(*) from pg_indexes
                where schemaname = current_schema() and tablename = 'chain_link' and indexdef like '%(transaction_id)%'"""));
        for (String[] postedAt : List.of(new String[] { "posted_at", "linked already" },
                new String[] { "posted_at + interval '1 second'", "does not cover" })) {
            try (Connection connection = ledger.dataSource().getConnection();
                    Statement insert = connection.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> insert.executeUpdate("""
                        insert into chain_link (community_id, position, transaction_count, transaction_id, writer_xid,
                                                posted_at, previous_hash, hash)
                        select community_id, position + transaction_count, transaction_count, transaction_id, writer_xid,
                               %s, hash, decode(repeat('ab', 32), 'hex')
                        from chain_link where community_id = '%s'""".formatted(postedAt[0], community)));
                assertEquals("23514", refused.getSQLState(), refused.getMessage());
                assertTrue(refused.getMessage().contains(postedAt[1]), refused.getMessage());
            }
        }
        // the one link is still found by its transaction, as a resident's proof finds it
        UUID transaction = UUID.fromString(ledger.ids(
                "select id::text from journal_transaction where community_id = ?", community).get(0));
        assertEquals(1L, chain.linkOf(transaction).orElseThrow().position());
    }

    @Test
    void aFinishedMonthIsSealedWithItsTotalsAndASignatureThePublishedKeyVerifies() {
        String community = community();
        bookIn(community, "resident-a", 30, 3);
        bookIn(community, "resident-b", 12, 17);

        seal(community);

        List<SignedSeal> published = given().auth().oauth2(Tokens.reconciler()).queryParam("communityId", community)
                .when().get("/api/points/exports/seals").then().statusCode(200).extract().jsonPath()
                .getList(".", SignedSeal.class);
        assertEquals(1, published.size());
        SignedSeal seal = published.get(0);
        assertTrue(seal.signedBy(publishedKey()), "the published key verifies the seal");
        SealStatement statement = seal.parsed();
        assertEquals(MONTH, statement.month());
        assertEquals(2, statement.transactions());
        assertEquals(42, statement.issued());
        assertEquals(42L, statement.byKind().get("ADJUSTMENT"));
        List<byte[]> leaves = chainOf(community).stream()
                .map(l -> JournalHashes.leaf(l.content().canonicalBytes())).toList();
        assertEquals(JournalHashes.hex(JournalHashes.root(leaves)), statement.merkleRoot());
    }

    @Test
    void sealingAMonthAgainReturnsTheSameSeal() {
        String community = community();
        bookIn(community, "resident-a", 8, 9);
        SealService.Sealed first = seal(community);
        SealService.Sealed again = seal(community);
        assertTrue(first.now());
        assertFalse(again.now());
        assertEquals(first.seal(), again.seal());
    }

    @Test
    void nothingMoreIsBookedIntoASealedMonthAndItsSealIsNeverEdited() {
        String community = community();
        bookIn(community, "resident-a", 8, 9);
        seal(community);

        RuntimeException late = assertThrows(RuntimeException.class, () -> bookIn(community, "resident-a", 2, 30));
        assertTrue(causes(late).contains("falls in a sealed month"), causes(late));
        SQLException edit = assertThrows(SQLException.class, () -> asOwner(
                "update month_seal set transactions = 0 where community_id = '" + community + "'"));
        assertTrue(edit.getMessage().contains("append-only"), edit.getMessage());
    }

    @Test
    void aMonthIsNotSealedBeforeItIsOver() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> seals.seal(community(), YearMonth.now(ZONE), Instant.now()));
        assertEquals("MONTH_NOT_OVER", e.code());
    }

    @Test
    void aResidentsProofOfTheirLineVerifiesWithThePublishedKeyAlone() throws java.io.IOException {
        String community = community();
        bookIn(community, "resident-b", 4, 2);
        UUID line = bookIn(community, "resident-a", 30, 3);
        bookIn(community, "resident-c", 6, 20);
        seal(community);

        String body = given().auth().oauth2(Tokens.resident("resident-a", community))
                .when().get("/api/points/me/proofs/" + line).then().statusCode(200).extract().asString();
        TransactionProof proof = json.readValue(body, TransactionProof.class);

        assertEquals(List.of(), proof.problems(publishedKey()));
        assertEquals(1, proof.leafIndex());
        assertEquals(3, proof.treeSize());
        CanonicalTransaction inflated = new CanonicalTransaction(line, community, "ADJUSTMENT", "ADJUSTMENT",
                line.toString(), "staff-li", null, "补记", "积分调整：补记三月巡逻", proof.transaction().postedAt(),
                List.of(new CanonicalTransaction.Leg("RESIDENT", "resident-a", 300, false),
                        new CanonicalTransaction.Leg("ISSUANCE", "", -300, false)));
        TransactionProof forged = new TransactionProof(inflated, proof.leafIndex(), proof.treeSize(), proof.auditPath(),
                proof.chainPosition(), proof.chainHash(), proof.seal());
        assertEquals(1, forged.problems(publishedKey()).size(), "a changed amount is not in the sealed month");
    }

    @Test
    void aResidentGetsNoProofOfAnotherResidentsLine() {
        String community = community();
        UUID line = bookIn(community, "resident-a", 30, 3);
        seal(community);

        given().auth().oauth2(Tokens.resident("resident-b", community))
                .when().get("/api/points/me/proofs/" + line).then().statusCode(404)
                .body("code", equalTo("TRANSACTION_NOT_FOUND"));
    }

    @Test
    void anEditMadeByTheOwnerWithTheTriggersOffStopsTheSealAndNamesTheTransaction() throws SQLException {
        String community = community();
        bookIn(community, "resident-a", 5, 3);
        UUID edited = bookIn(community, "resident-b", 10, 4);
        await().atMost(Duration.ofSeconds(20)).until(() -> chainOf(community).size() == 2);

        // the owner's quiet edit: both legs and the balance row, so every sum still agrees
        asOwner("alter table posting disable trigger posting_append_only",
                "alter table account disable trigger account_balance_follows_journal",
                "update posting set amount = amount * 10 where transaction_id = '" + edited + "'",
                "update account set posted = posted * 10 where community_id = '" + community
                        + "' and owner_id = 'resident-b'",
                "alter table account enable trigger account_balance_follows_journal",
                "alter table posting enable trigger posting_append_only");

        // tried again while the sequencer holds the chain's lock, as the job would
        ProblemException broken = await().atMost(Duration.ofSeconds(20)).until(() -> {
            try {
                return seals.seal(community, MONTH, Instant.now()).isPresent() ? null : (ProblemException) null;
            } catch (ProblemException e) {
                return e;
            }
        }, e -> e != null);
        assertEquals("CHAIN_BROKEN", broken.code());
        assertTrue(broken.getMessage().contains(edited.toString()), broken.getMessage());
        ChainLink link = chainOf(community).get(1);
        assertFalse(TransactionProof.links(link.previousHash(), link.content(), link.hash()),
                "the export shows the link no longer recomputes");
    }

    @Test
    void theNoticeBoardOfASealedMonthShowsMaskedResidentsTotalsAndTheSealToResidentsAndStaff() {
        String community = community();
        bookIn(community, "resident-a", 30, 3);
        bookIn(community, "resident-a", 5, 4);
        SealService.Sealed sealed = seal(community);

        String page = given().auth().oauth2(Tokens.resident("resident-b", community))
                .when().get("/api/points/notice-board/2025-03").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("text/html")).extract().asString();
        assertTrue(page.contains("<td>r********a</td><td class=\"n\">0.0</td><td class=\"n\">35</td>"), page);
        assertFalse(page.contains("resident-a"), "names are masked");
        assertTrue(page.contains(sealed.seal().signature()) && page.contains("@page { size: A4"), page);
        given().auth().oauth2(Tokens.staff("staff-li", community))
                .when().get("/api/points/notice-board/2025-03").then().statusCode(200);
        given().auth().oauth2(Tokens.partner("p-1", community, "canteen"))
                .when().get("/api/points/notice-board/2025-03").then().statusCode(403);
    }

    @Test
    void anOpenMonthHasNoNoticeBoardYet() {
        given().auth().oauth2(Tokens.resident("resident-a", community()))
                .when().get("/api/points/notice-board/" + YearMonth.now(ZONE)).then().statusCode(409)
                .body("code", equalTo("MONTH_NOT_SEALED"));
    }

    private static String causes(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" / ");
        }
        return messages.toString();
    }

    private static void asOwner(String... statements) throws SQLException {
        try (Connection connection = TestDatabase.asOwner(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
