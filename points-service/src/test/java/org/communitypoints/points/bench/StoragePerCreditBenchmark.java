package org.communitypoints.points.bench;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.events.ShiftVerified;
import org.communitypoints.points.LedgerChecks;
import org.communitypoints.points.repository.ChainRepository;
import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.TestDatabase;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Bytes of database per credit: books N verified shifts through the real path (Kafka, the shifts consumer, the hash
 * chain's sequencer) and divides the growth of every relation of the service's schema (heap with its free-space and
 * visibility maps, TOAST, each index), measured after VACUUM ANALYZE before and after, by N. Every relation that grew
 * is listed, so the figure covers whatever a credit writes (journal, postings, idempotency records, chain links,
 * account rows), not a list chosen in advance. Run it alone (skipped unless -Dbenchmark=true), see the README.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class StoragePerCreditBenchmark {

    private static final String COMMUNITY = "wutong";
    private static final int EVENTS = Integer.getInteger("benchmark.events", 20_000);
    private static final int RESIDENTS = Integer.getInteger("benchmark.residents", 2_000);

    @Inject
    LedgerChecks ledger;

    @Test
    void reportsTheBytesEachCreditAddsToTheDatabase() throws Exception {
        Map<String, Long> before = sizesAfterVacuum();
        long creditsBefore = credited();
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        publish();
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> credited() - creditsBefore >= EVENTS);
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> ledger.count("select coalesce(sum(transaction_count), 0) from chain_link where community_id = ?",
                        COMMUNITY) >= credited());
        Map<String, Long> after = sizesAfterVacuum();
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        String proofLookUp = proofLookUpPlan();
        String accountReaders = accountReaderPlans();

        StringBuilder lines = new StringBuilder();
        long total = 0;
        Map<String, Long> byTable = new LinkedHashMap<>();
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            long grown = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            if (grown == 0) {
                continue;
            }
            total += grown;
            byTable.merge(entry.getKey().substring(0, entry.getKey().indexOf(' ')), grown, Long::sum);
            lines.append(String.format("  %-60s %10d B  %7.1f B/credit%n", entry.getKey(), grown, grown / (double) EVENTS));
        }
        // account rows are per resident: their growth here is each balance row's versions while the batches ran, space
        // VACUUM hands back to later updates of the same rows, not space every further credit adds
        long perResident = byTable.getOrDefault("account", 0L);
        StringBuilder tables = new StringBuilder();
        byTable.forEach((table, grown) -> tables
                .append(String.format("  %-30s %10d B  %7.1f B/credit%n", table, grown, grown / (double) EVENTS)));
        String report = String.format("""
                points-service storage per credit
                credits: %d ShiftVerified for %d residents of one community, through Kafka, linked into the hash chain
                total growth after VACUUM ANALYZE: %d B -> %.1f B per credit
                without the residents' account rows (per resident, not per credit): %.1f B per credit
                by table (heap + free-space and visibility maps + TOAST + indexes):
                %s
                by relation:
                %s
                the chain's stored links and the plans of its look-ups through a month's links:
                %s
                the readers by account since posting_by_account leaves the issuance legs out (V100):
                %s
                load average before: %s
                load average after:  %s
                """, EVENTS, RESIDENTS, total, total / (double) EVENTS, (total - perResident) / (double) EVENTS, tables, lines,
                proofLookUp, accountReaders, loadBefore, loadAfter);
        System.out.println(report);
        Files.writeString(Path.of("target", "storage-per-credit.txt"), report);

        assertEquals(EVENTS, credited() - creditsBefore);
        ledger.assertInvariants();
    }

    /**
     * The ShiftVerified events, published to the topic the shifts channel reads, keyed by resident as activity-service does.
     */
    private static void publish() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        String topic = ConfigProvider.getConfig().getValue("mp.messaging.incoming.shifts.topic", String.class);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < RESIDENTS; i++) {
            // member ids as the identity provider issues them (a UUID subject), not short test names: they are stored
            members.add(UUID.randomUUID().toString());
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < EVENTS; i++) {
                String member = members.get(i % RESIDENTS);
                ShiftVerified shift = new ShiftVerified(UUID.randomUUID(), member, UUID.randomUUID(), "食堂秩序维护 · 午餐",
                        "canteen-order", LocalDate.now(), 60, 10, 1, "grid-wang", Instant.now());
                producer.send(new ProducerRecord<>(topic, member,
                        EventCodec.encode(EventEnvelope.wrap(UUID.randomUUID(), COMMUNITY, Instant.now(), shift))));
            }
            producer.flush();
        }
    }

    /**
     * Every relation of the service's schema after VACUUM ANALYZE, keyed "table part" (part: heap, toast or the
     * index's name); the parts of a table add up to its pg_total_relation_size.
     */
    private static Map<String, Long> sizesAfterVacuum() throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Connection owner = TestDatabase.asOwner(); Statement statement = owner.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("""
                    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = current_schema() and c.relkind = 'r' order by 1""")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                statement.execute("vacuum (analyze) " + table);
            }
            try (ResultSet rs = statement.executeQuery("""
                    select c.relname || ' heap',
                           pg_relation_size(c.oid) + pg_relation_size(c.oid, 'fsm') + pg_relation_size(c.oid, 'vm')
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = current_schema() and c.relkind = 'r'
                    union all
                    select c.relname || ' toast', pg_total_relation_size(c.reltoastrelid)
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = current_schema() and c.relkind = 'r' and c.reltoastrelid <> 0
                    union all
                    select c.relname || ' ' || i.relname, pg_relation_size(i.oid)
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    join pg_index x on x.indrelid = c.oid join pg_class i on i.oid = x.indexrelid
                    where n.nspname = current_schema() and c.relkind = 'r'
                    order by 1""")) {
                while (rs.next()) {
                    sizes.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return sizes;
    }

    /**
     * How many transactions a stored link covers here, and the plans and times of the chain's two look-ups that go
     * through a month's links (V99): a resident's proof finding the link of one credit
     * ({@link ChainRepository#linkOf}) and the seal's read of the month ({@link ChainRepository#linksPostedBetween}), run
     * as the repository runs them.
     */
    private static String proofLookUpPlan() throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection owner = TestDatabase.asOwner(); Statement statement = owner.createStatement()) {
            String id;
            try (ResultSet rs = statement.executeQuery("select id from journal_transaction where community_id = '"
                    + COMMUNITY + "' and kind = 'SHIFT_CREDIT' order by posted_at desc, id limit 1")) {
                rs.next();
                id = rs.getString(1);
            }
            try (ResultSet rs = statement.executeQuery("""
                    select count(*), sum(transaction_count), max(transaction_count),
                           count(*) filter (where transaction_id is not null)
                    from chain_link where community_id = '%s'""".formatted(COMMUNITY))) {
                rs.next();
                plan.append(String.format("  stored links: %d covering %d transactions (at most %d in one, %d naming one"
                        + " transaction)%n", rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
            UUID transaction = UUID.fromString(id);
            plan.append("  proof look-up (ChainRepository.linkOf):\n");
            explain(owner, ChainRepository.selectLinks(ChainRepository.OF_TRANSACTION), plan, transaction, transaction,
                    transaction, transaction);
            plan.append("  month read (ChainRepository.linksPostedBetween):\n");
            try (ResultSet rs = statement.executeQuery("""
                    select date_trunc('month', min(posted_at)), date_trunc('month', min(posted_at)) + interval '1 month'
                    from chain_link where community_id = '%s'""".formatted(COMMUNITY))) {
                rs.next();
                explain(owner, ChainRepository.selectLinks(ChainRepository.POSTED_BETWEEN), plan, COMMUNITY,
                        rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class));
            }
        }
        return plan.toString().stripTrailing();
    }

    /**
     * The plans and times of the readers V100 changed, on the benchmark's community: the issuance balance now (from the
     * other accounts' rows) and as of a moment (from their postings), a resident's passbook page and balance as of a
     * moment (through the partial posting_by_account), and the balance export of the community, whose query is unchanged
     * and sums the issuance account's own postings.
     */
    private static String accountReaderPlans() throws SQLException {
        StringBuilder plans = new StringBuilder();
        try (Connection owner = TestDatabase.asOwner(); Statement statement = owner.createStatement()) {
            long resident;
            try (ResultSet rs = statement.executeQuery("select min(id) from account where community_id = '" + COMMUNITY
                    + "' and type = 'RESIDENT'")) {
                rs.next();
                resident = rs.getLong(1);
            }
            String asOf = "now() - interval '1 second'";
            Map<String, String> readers = new LinkedHashMap<>();
            readers.put("the issuance balance now (AccountRepository.issuance)", """
                    select coalesce(-sum(posted), 0), coalesce(-sum(pending), 0)
                    from account where community_id = '%s' and type <> 'ISSUANCE'""".formatted(COMMUNITY));
            readers.put("the issuance balance as of a moment (AccountRepository.issuance)", """
                    select coalesce(-sum(p.amount) filter (where not p.pending), 0),
                           coalesce(-sum(p.amount) filter (where p.pending), 0)
                    from account a
                    join posting p on p.account_id = a.id and p.issuance_leg is null
                    join journal_transaction t on t.id = p.transaction_id
                    where a.community_id = '%s' and a.type <> 'ISSUANCE' and coalesce(p.posted_at, t.posted_at) <= %s"""
                    .formatted(COMMUNITY, asOf));
            readers.put("a resident's passbook page (JournalRepository.statement, the lines without their texts)", """
                    select p.account_id, min(p.seq), p.transaction_id, t.kind, sum(p.amount)
                    from posting p join journal_transaction t on t.id = p.transaction_id
                    where p.account_id = any('{%d}') and p.issuance_leg is null
                    group by p.account_id, p.transaction_id, t.kind order by min(p.seq) desc limit 21"""
                    .formatted(resident));
            readers.put("a resident's balance as of a moment (AccountRepository.fromPostings)", """
                    select coalesce(sum(p.amount) filter (where not p.pending), 0)
                    from posting p join journal_transaction t on t.id = p.transaction_id
                    where p.account_id = %d and p.issuance_leg is null and coalesce(p.posted_at, t.posted_at) <= %s"""
                    .formatted(resident, asOf));
            String balanceExport = """
                    with others as (
                        select a.id, a.community_id,
                               coalesce(sum(p.amount) filter (where not p.pending and p.at <= %s), 0) as posted_then,
                               count(*) filter (where p.at <= %s) as postings_then
                        from account a
                        join (select p.account_id, p.amount, p.pending, coalesce(p.posted_at, t.posted_at) as at
                              from posting p join journal_transaction t on t.id = p.transaction_id
                              where p.issuance_leg is null) p
                          on p.account_id = a.id
                        where a.type <> 'ISSUANCE' and a.community_id = '%s'
                        group by a.id)
                    select id, posted_then from others where postings_then > 0
                    union all
                    select i.id, -sum(o.posted_then) from account i join others o on o.community_id = i.community_id
                    where i.type = 'ISSUANCE' group by i.id having sum(o.postings_then) > 0
                    order by id""".formatted(asOf, asOf, COMMUNITY);
            readers.put("the community's balance export (JournalRepository.balancesAsOf)", balanceExport);
            // One community is the whole database here, so the planner rightly scans; with sequential scans off the
            // plan shows that the statement can read one community's postings through posting_by_account, as it
            // would where the community is a small part of the database.
            readers.put("the same, sequential scans off (the plan where one community is a small part of the database)",
                    "/* seqscan off */ " + balanceExport);
            for (Map.Entry<String, String> reader : readers.entrySet()) {
                plans.append("  ").append(reader.getKey()).append(":\n");
                boolean seqScanOff = reader.getValue().startsWith("/* seqscan off */");
                if (seqScanOff) {
                    statement.execute("set enable_seqscan = off");
                }
                try (ResultSet rs = statement.executeQuery("explain (analyze, buffers, costs off) " + reader.getValue())) {
                    while (rs.next()) {
                        plans.append("    ").append(rs.getString(1)).append('\n');
                    }
                } finally {
                    if (seqScanOff) {
                        statement.execute("reset enable_seqscan");
                    }
                }
            }
        }
        return plans.toString().stripTrailing();
    }

    private static void explain(Connection connection, String sql, StringBuilder plan, Object... parameters)
            throws SQLException {
        try (PreparedStatement explain = connection
                .prepareStatement("explain (analyze, buffers, costs off) " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append("    ").append(rs.getString(1)).append('\n');
                }
            }
        }
    }

    private long credited() {
        return ledger.count("select count(*) from journal_transaction where community_id = ? and kind = 'SHIFT_CREDIT'",
                COMMUNITY);
    }
}
