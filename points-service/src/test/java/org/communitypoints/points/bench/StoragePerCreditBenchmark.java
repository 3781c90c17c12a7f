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
                load average before: %s
                load average after:  %s
                """, EVENTS, RESIDENTS, total, total / (double) EVENTS, (total - perResident) / (double) EVENTS, tables, lines,
                proofLookUp, loadBefore, loadAfter);
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
