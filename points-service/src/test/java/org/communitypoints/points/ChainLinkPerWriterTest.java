package org.communitypoints.points;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.communitypoints.contracts.export.ChainLink;
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
import org.communitypoints.points.repository.JournalRepository;
import org.communitypoints.points.service.SealService;
import org.communitypoints.testsupport.TestDatabase;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One stored chain link per community and writing transaction (V99), read back as the link per transaction every
 * reader saw before: the hashes are those a chain of one link per transaction gives, computed here from the exported
 * content alone, and the seal and a resident's proof agree with them.
 */
@QuarkusTest
class ChainLinkPerWriterTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** A month long over and used by no other test class, so nothing else is booked into it or seals it. */
    private static final YearMonth MONTH = YearMonth.of(2025, 5);

    @Inject
    LedgerChecks ledger;
    @Inject
    AccountRepository accounts;
    @Inject
    JournalRepository journal;
    @Inject
    SealService seals;
    @Inject
    ObjectMapper json;

    private static String community() {
        return "writer-" + UUID.randomUUID();
    }

    private static Instant day(int day, int minute) {
        return MONTH.atDay(day).atTime(10, minute).atZone(ZONE).toInstant();
    }

    private static JournalTransaction adjustment(UUID id, String community, String member, long points) {
        return new JournalTransaction(id, community, TransactionKind.ADJUSTMENT, "ADJUSTMENT", id.toString(),
                "积分调整：补记五月巡逻", "staff-li", "补记", List.of(
                        Posting.posted(AccountKey.resident(community, member), points),
                        Posting.posted(AccountKey.issuance(community), -points)));
    }

    /**
     * Books, in one writing transaction, {@code points.length} adjustments for each community in turn (the communities'
     * transactions interleaved), each call of the journal's writer at its own time.
     *
     * @return the ids booked, per community, in booking order
     */
    private List<List<UUID>> bookInOneWriter(List<String> communities, List<Instant> times, long... points) {
        List<List<UUID>> ids = new ArrayList<>();
        communities.forEach(c -> ids.add(new ArrayList<>()));
        QuarkusTransaction.requiringNew().run(() -> {
            for (Instant at : times) {
                List<JournalTransaction> batch = new ArrayList<>();
                List<AccountKey> keys = new ArrayList<>();
                for (int i = 0; i < points.length; i++) {
                    for (int c = 0; c < communities.size(); c++) {
                        UUID id = UUID.randomUUID();
                        ids.get(c).add(id);
                        batch.add(adjustment(id, communities.get(c), "resident-" + i, points[i]));
                        keys.add(AccountKey.resident(communities.get(c), "resident-" + i));
                        keys.add(AccountKey.issuance(communities.get(c)));
                    }
                }
                journal.append(batch, accounts.openAndLock(keys.stream().distinct().toList()), at);
            }
        });
        return ids;
    }

    private List<ChainLink> chainOf(String community, int pageSize) {
        List<ChainLink> links = new ArrayList<>();
        String after = null;
        while (true) {
            var request = given().auth().oauth2(Tokens.reconciler()).queryParam("limit", pageSize);
            if (after != null) {
                request.queryParam("after", after);
            }
            String body = request.when().get("/api/points/exports/chain").then().statusCode(200).extract().asString();
            try {
                JsonNode page = json.readTree(body);
                List<ChainLink> items = json.convertValue(page.get("items"), new TypeReference<List<ChainLink>>() {
                });
                if (items.isEmpty()) {
                    return links;
                }
                items.stream().filter(l -> l.communityId().equals(community)).forEach(links::add);
                after = page.get("nextCursor").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private List<ChainLink> linked(String community, int transactions) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> chainOf(community, 5000),
                links -> links.size() >= transactions);
    }

    /**
     * What a chain of one link per transaction holds: positions 1, 2, 3..., each link SHA-256 of the one before (32
     * zero bytes first) and its transaction's canonical content, in the order the transactions were booked.
     */
    private static void assertOneLinkPerTransaction(List<ChainLink> chain, List<UUID> booked) {
        assertEquals(booked, chain.stream().map(l -> l.content().transactionId()).toList(), "chain order");
        byte[] previous = JournalHashes.GENESIS;
        for (int i = 0; i < chain.size(); i++) {
            ChainLink link = chain.get(i);
            byte[] hash = JournalHashes.link(previous, link.content().canonicalBytes());
            assertEquals(i + 1, link.position());
            assertEquals(JournalHashes.hex(previous), link.previousHash(), "previous hash of position " + (i + 1));
            assertEquals(JournalHashes.hex(hash), link.hash(), "hash of position " + (i + 1));
            previous = hash;
        }
    }

    /** Stored links of the community: {count, transactions covered, links naming one transaction}. */
    private long[] storedLinks(String community) {
        return new long[] {
                ledger.count("select count(*) from chain_link where community_id = ?", community),
                ledger.count("select coalesce(sum(transaction_count), 0) from chain_link where community_id = ?",
                        community),
                ledger.count("select count(*) from chain_link where community_id = ? and transaction_id is not null",
                        community) };
    }

    /** The seal of the community's month, once the sealer refuses it: what it refuses with. */
    private ProblemException sealRefused(String community) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            try {
                return trySeal(community).isPresent() ? null : (ProblemException) null;
            } catch (ProblemException e) {
                return e;
            }
        }, e -> e != null);
    }

    private Optional<SealService.Sealed> trySeal(String community) {
        return seals.seal(community, MONTH, Instant.now());
    }

    private SealService.Sealed seal(String community) {
        // the chain's sequencer may hold the lock for a moment: sealing is tried again, as the job would
        return await().atMost(Duration.ofSeconds(20)).until(() -> trySeal(community), Optional::isPresent).get();
    }

    private static PublicKey publishedKey() {
        return SignedSeal.publicKey(given().when().get("/api/points/seal-key").then().statusCode(200).extract()
                .path("publicKey"));
    }

    @Test
    void aWritersTransactionsOfACommunityAreOneStoredLinkAndReadAsALinkEach() {
        String wutong = community();
        String ximalu = community();
        List<List<UUID>> booked = bookInOneWriter(List.of(wutong, ximalu), List.of(day(3, 0)), 5, 7, 9, 11, 13);

        List<ChainLink> chain = linked(wutong, 5);

        assertEquals(List.of(1L, 5L, 0L), List.of(storedLinks(wutong)[0], storedLinks(wutong)[1],
                storedLinks(wutong)[2]), "one stored link for the community's five transactions");
        assertEquals(1, storedLinks(ximalu)[0], "and one for the other community's, written by the same writer");
        assertOneLinkPerTransaction(chain, booked.get(0));
        assertOneLinkPerTransaction(linked(ximalu, 5), booked.get(1));
        // pages ending inside a stored link continue where they ended: the same items, two at a time
        assertEquals(chain, chainOf(wutong, 2));
    }

    @Test
    void aChainCursorIsAStoredLinksSequenceWithAnIndexInsideItOrRefused() {
        String community = community();
        bookInOneWriter(List.of(community), List.of(day(12, 0)), 5, 6, 7);
        List<ChainLink> chain = linked(community, 3);

        assertEquals(List.of(true, true, false), chain.stream().map(l -> l.cursor().contains(".")).toList(),
                "inside the stored link the cursor names the index; after its last transaction, the sequence alone");
        assertEquals(chain.get(2).cursor(), chain.get(1).cursor().substring(0, chain.get(1).cursor().indexOf('.')));
        for (String malformed : List.of("x", "-1", "7.", ".1", "1.2.3", "1.-1", "99999999999999999999")) {
            given().auth().oauth2(Tokens.reconciler()).queryParam("after", malformed)
                    .when().get("/api/points/exports/chain")
                    .then().statusCode(400).body("code", org.hamcrest.Matchers.equalTo("INVALID_CURSOR"));
        }
    }

    @Test
    void aWriterWhoseTransactionsTookDifferentTimesKeepsALinkPerTransactionAsLinksBeforeV99AreStored() {
        // a link naming one transaction is the shape every link had before V99; the sequencer still stores it for a
        // writer whose transactions do not share one time. Both shapes follow one another in one chain.
        String community = community();
        List<UUID> booked = new ArrayList<>(bookInOneWriter(List.of(community), List.of(day(4, 0), day(4, 1)), 3, 4)
                .get(0));
        booked.addAll(bookInOneWriter(List.of(community), List.of(day(5, 0)), 6, 8, 10).get(0));
        booked.addAll(bookInOneWriter(List.of(community), List.of(day(6, 0), day(6, 1)), 2).get(0));

        List<ChainLink> chain = linked(community, 9);

        assertEquals(List.of(7L, 9L, 6L), List.of(storedLinks(community)[0], storedLinks(community)[1],
                storedLinks(community)[2]), "4 + 2 links of one transaction, 1 of the middle writer's three");
        assertOneLinkPerTransaction(chain, booked);
    }

    @Test
    void theSealAndAResidentsProofOfALineInsideAStoredLinkAgreeWithALinkPerTransaction() throws IOException {
        String community = community();
        List<UUID> booked = new ArrayList<>(bookInOneWriter(List.of(community), List.of(day(7, 0), day(7, 1)), 4)
                .get(0));
        booked.addAll(bookInOneWriter(List.of(community), List.of(day(8, 0)), 10, 20, 30, 40).get(0));
        List<ChainLink> chain = linked(community, 6);
        assertOneLinkPerTransaction(chain, booked);

        SealStatement statement = seal(community).seal().parsed();

        assertEquals(6, statement.transactions());
        assertEquals(JournalHashes.hex(JournalHashes.root(chain.stream()
                .map(l -> JournalHashes.leaf(l.content().canonicalBytes())).toList())), statement.merkleRoot());
        assertEquals(6, statement.chainPosition());
        assertEquals(chain.get(5).hash(), statement.chainHash());
        // resident-1's line is the fourth transaction of the chain, the second of the four one stored link covers
        UUID line = booked.get(3);
        TransactionProof proof = json.readValue(given().auth().oauth2(Tokens.resident("resident-1", community))
                .when().get("/api/points/me/proofs/" + line).then().statusCode(200).extract().asString(),
                TransactionProof.class);
        assertEquals(List.of(), proof.problems(publishedKey()));
        assertEquals(3, proof.leafIndex());
        assertEquals(4, proof.chainPosition());
        assertEquals(chain.get(3).hash(), proof.chainHash());
        assertEquals(line, proof.transaction().transactionId());
    }

    @Test
    void aTransactionSlippedInAfterwardsUnderALinkedWritersIdBreaksThatLink() throws SQLException {
        String community = community();
        List<UUID> booked = bookInOneWriter(List.of(community), List.of(day(9, 0)), 5, 6, 7).get(0);
        assertOneLinkPerTransaction(linked(community, 3), booked);
        String writer = ledger.ids("select distinct p.writer_xid::text from posting p"
                + " join journal_transaction t on t.id = p.transaction_id where t.community_id = ?", community).get(0);

        // the owner books a fourth transaction as if the same writing transaction had written it: it balances, the
        // balance rows follow it, and it carries the linked writer's id and time
        UUID forged = UUID.randomUUID();
        UUID model = booked.get(2);
        asOwner("""
                insert into journal_transaction (id, community_id, kind, cause_type, cause_id, description, actor,
                                                 reason, posted_at)
                select '%s', community_id, kind, cause_type, cause_id, description, actor, reason, posted_at
                from journal_transaction where id = '%s'""".formatted(forged, model), """
                insert into posting (transaction_id, account_id, amount, pending, writer_xid)
                select '%s', account_id, amount, pending, '%s'::xid8 from posting where transaction_id = '%s'
                order by seq""".formatted(forged, writer, model));

        List<ChainLink> chain = chainOf(community, 5000);
        assertEquals(4, chain.size(), "the link now covers the slipped-in transaction too");
        assertEquals(forged, chain.get(3).content().transactionId());
        ChainLink last = chain.get(3);
        assertFalse(TransactionProof.links(last.previousHash(), last.content(), last.hash()),
                "the stored hash of the link's last transaction no longer recomputes");
        ProblemException broken = sealRefused(community);
        assertEquals("CHAIN_BROKEN", broken.code());
        assertTrue(broken.getMessage().contains(forged.toString()), broken.getMessage());
    }

    @Test
    void anEditInsideAStoredLinkIsCaughtAtItsLastTransaction() throws SQLException {
        String community = community();
        List<UUID> booked = bookInOneWriter(List.of(community), List.of(day(10, 0)), 5, 6, 7).get(0);
        assertOneLinkPerTransaction(linked(community, 3), booked);

        // the owner's quiet edit of the middle transaction: both legs and the balance row, so every sum still agrees
        asOwner("alter table posting disable trigger posting_append_only",
                "alter table account disable trigger account_balance_follows_journal",
                "update posting set amount = amount * 10 where transaction_id = '" + booked.get(1) + "'",
                "update account set posted = posted * 10 where community_id = '" + community
                        + "' and owner_id = 'resident-1'",
                "alter table account enable trigger account_balance_follows_journal",
                "alter table posting enable trigger posting_append_only");

        List<ChainLink> chain = chainOf(community, 5000);
        ChainLink last = chain.get(2);
        assertFalse(TransactionProof.links(last.previousHash(), last.content(), last.hash()),
                "what the edited transaction's hash fed into no longer gives the stored hash");
        ProblemException broken = sealRefused(community);
        assertEquals("CHAIN_BROKEN", broken.code());
        assertTrue(broken.getMessage().contains(booked.get(2).toString()), broken.getMessage());
    }

    @Test
    void theDatabaseRefusesASecondLinkOfAWritersTransactionsAndALinkClaimingMoreThanItsWriterWrote()
            throws SQLException {
        String community = community();
        bookInOneWriter(List.of(community), List.of(day(11, 0)), 5, 6);
        linked(community, 2);
        String after = """
                select community_id, position + transaction_count, %s, posted_at, hash, decode(repeat('ab', 32), 'hex')
                from chain_link where community_id = '%s'""";

        Map<String, String> refusedWith = Map.of(
                // the same writer's transactions linked again after them
                "insert into chain_link (community_id, position, transaction_count, writer_xid, posted_at, previous_hash, hash) "
                        + after.formatted("transaction_count, writer_xid", community),
                "linked already",
                // one of them linked again on its own, as links named one transaction before V99
                "insert into chain_link (community_id, position, transaction_id, posted_at, previous_hash, hash) "
                        + after.formatted("(select id from journal_transaction where community_id = '" + community
                                + "' limit 1)", community),
                "linked already",
                // a link claiming a third transaction the writer never wrote
                "insert into chain_link (community_id, position, transaction_count, writer_xid, posted_at, previous_hash, hash) "
                        + after.formatted("transaction_count + 1, writer_xid", community),
                "does not cover");
        for (Map.Entry<String, String> forged : refusedWith.entrySet()) {
            try (Connection connection = ledger.dataSource().getConnection();
                    Statement insert = connection.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> insert.executeUpdate(forged.getKey()));
                assertEquals("23514", refused.getSQLState(), refused.getMessage());
                assertTrue(refused.getMessage().contains(forged.getValue()), forged.getKey() + ": " + refused.getMessage());
            }
        }
        assertEquals(1, storedLinks(community)[0]);
    }

    private static void asOwner(String... statements) throws SQLException {
        try (Connection connection = TestDatabase.asOwner(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
