package org.communitypoints.platform.data;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.communitypoints.contracts.DerivedIds;
import org.communitypoints.contracts.Topics;
import org.jboss.logging.Logger;

/**
 * The one dead-letter store and format of the suite. A record that can never be applied is kept in the
 * service's {@code dead_letter} table (V0_2__dead_letters.sql) and, in the same transaction, published
 * through the outbox to {@code <topic>.dead-letter}; an operator lists and re-drives it through
 * {@link DeadLetterResource}.
 *
 * <p>
 * Consumers do not call this class themselves: {@link InboundRecords} dead-letters what fails permanently.
 * A service calls {@link #record(InboundRecord, String, String, Instant, Instant, int)} only where it decides
 * inside its own transaction that a record is to be dead-lettered without failing (points-service's
 * refused correction, say); the dead letter then commits or rolls back with that transaction:
 *
 * <pre>{@code
 * // inside the service's @Transactional method; source = InboundRecord.of(consumerRecord), kept from the consumer
 * deadLetters.record(source, "INSUFFICIENT_POINTS: correction " + id + " would take the balance below zero",
 *         "", receivedAt, Instant.now(), 1); // joins the caller's transaction
 * }</pre>
 *
 * <p>
 * <b>The record on the dead-letter topic</b> has the original key and value, the original headers (less any
 * {@code dead-letter-*} header of an earlier round) and these headers, all UTF-8 text:
 * {@value #ID_HEADER} (the row's id in this service), {@value #REASON_HEADER}, {@value #STACK_HEADER},
 * {@value #TOPIC_HEADER}, {@value #PARTITION_HEADER}, {@value #OFFSET_HEADER}, {@value #FIRST_ATTEMPT_HEADER}
 * and {@value #LAST_ATTEMPT_HEADER} (ISO-8601 instants), {@value #ATTEMPTS_HEADER}, and
 * {@value #REDRIVEN_FROM_HEADER} when the record had been re-driven from an earlier dead letter.
 *
 * <p>
 * <b>A re-drive</b> publishes the original key, value and headers to the original topic with
 * {@value #ID_HEADER} set to the dead letter's id, and marks the row REDRIVEN (who, when) in the same
 * transaction; a second re-drive of the same row publishes nothing and answers the row. Every consumer group
 * of the topic receives the re-driven record; those that applied the original skip it (ProcessedEvents).
 * If it fails again, the new dead letter names the first in {@code redrivenFrom}.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String ID_HEADER = "dead-letter-id";
    public static final String REASON_HEADER = "dead-letter-reason";
    public static final String STACK_HEADER = "dead-letter-stack";
    public static final String TOPIC_HEADER = "dead-letter-topic";
    public static final String PARTITION_HEADER = "dead-letter-partition";
    public static final String OFFSET_HEADER = "dead-letter-offset";
    public static final String FIRST_ATTEMPT_HEADER = "dead-letter-first-attempt";
    public static final String LAST_ATTEMPT_HEADER = "dead-letter-last-attempt";
    public static final String ATTEMPTS_HEADER = "dead-letter-attempts";
    public static final String REDRIVEN_FROM_HEADER = "dead-letter-redriven-from";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final String PREFIX = "dead-letter-";
    private static final int STACK_LINES = 12;
    private static final int MAX_REASON = 1000;
    private static final String COLUMNS = """
            id, source_topic, source_partition, source_offset, record_key, record_value, headers, reason,
            stack_summary, first_attempt, last_attempt, attempts, state, redriven_at, redriven_by, redriven_from,
            created_at""";

    private final EntityManager entityManager;
    private final Outbox outbox;

    public DeadLetters(EntityManager entityManager, Outbox outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /** A re-drive's answer: the row, and whether an earlier call had already re-driven it. */
    public record Redrive(DeadLetter letter, boolean alreadyRedriven) {
    }

    /** A page of dead letters; {@code nextAfter} is the id to pass as {@code after} for the next page. */
    public record Page(List<DeadLetter> items, long nextAfter) {
    }

    /**
     * Dead-letters a record that failed with {@code failure}: the reason and stack summary are taken from it.
     * Joins the caller's transaction, or runs in one of its own. A record already dead-lettered (same topic,
     * partition and offset: a redelivery after a crash) is not written or published again; its row is returned.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public DeadLetter record(InboundRecord source, Throwable failure, Instant firstAttempt, Instant lastAttempt,
            int attempts) {
        return record(source, reasonOf(failure), stackSummaryOf(failure), firstAttempt, lastAttempt, attempts);
    }

    /** As {@link #record(InboundRecord, Throwable, Instant, Instant, int)}, for a refusal without an exception. */
    @Transactional(Transactional.TxType.REQUIRED)
    public DeadLetter record(InboundRecord source, String reason, String stackSummary, Instant firstAttempt,
            Instant lastAttempt, int attempts) {
        Long redrivenFrom = source.header(ID_HEADER).flatMap(id -> earlierLetter(id, source.topic())).orElse(null);
        @SuppressWarnings("unchecked")
        List<Number> inserted = entityManager.createNativeQuery("""
                insert into dead_letter (source_topic, source_partition, source_offset, record_key, record_value,
                    headers, reason, stack_summary, first_attempt, last_attempt, attempts, redriven_from)
                values (:topic, :partition, :offset, :key, :value, :headers, :reason, :stack, :first, :last,
                    :attempts, :from)
                on conflict (source_topic, source_partition, source_offset) do nothing
                returning id""")
                .setParameter("topic", source.topic())
                .setParameter("partition", source.partition())
                .setParameter("offset", source.offset())
                .setParameter("key", noNul(source.key()))
                .setParameter("value", noNul(source.value()))
                .setParameter("headers", KafkaHeadersJson.write(source.headers()))
                .setParameter("reason", noNul(clip(reason == null || reason.isBlank() ? "no reason given" : reason)))
                .setParameter("stack", noNul(stackSummary == null ? "" : stackSummary))
                .setParameter("first", firstAttempt)
                .setParameter("last", lastAttempt)
                .setParameter("attempts", Math.max(1, attempts))
                .setParameter("from", redrivenFrom)
                .getResultList();
        if (inserted.isEmpty()) {
            return findBySource(source).orElseThrow(); // dead-lettered before: nothing new to publish
        }
        DeadLetter letter = find(inserted.get(0).longValue()).orElseThrow();
        LOG.warnf("Dead-lettered %s@%d as %d: %s", source.partitionName(), source.offset(), letter.id(),
                letter.reason());
        outbox.publishRecord(DerivedIds.of("dead-letter", source.topic(), String.valueOf(source.partition()),
                String.valueOf(source.offset())), Topics.deadLetterOf(source.topic()), letter.key(),
                letter.value() == null ? "" : letter.value(), deadLetterHeaders(letter, source.headers()));
        return letter;
    }

    /** One dead letter by id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<DeadLetter> find(long id) {
        return one("select " + COLUMNS + " from dead_letter where id = :id", id);
    }

    /**
     * Dead letters in id order, after {@code afterId}.
     *
     * @param topic only this source topic; null for all
     * @param state only this state; null for both
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page list(String topic, DeadLetter.State state, long afterId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS + """
                 from dead_letter
                where id > :after
                  and (cast(:topic as text) is null or source_topic = cast(:topic as text))
                  and (cast(:state as text) is null or state = cast(:state as text))
                order by id limit :limit""")
                .setParameter("after", afterId)
                .setParameter("topic", topic)
                .setParameter("state", state == null ? null : state.name())
                .setParameter("limit", limit)
                .getResultList();
        List<DeadLetter> items = rows.stream().map(DeadLetters::toLetter).toList();
        return new Page(items, items.isEmpty() ? afterId : items.get(items.size() - 1).id());
    }

    /**
     * Publishes the dead letter's record again to its original topic (through the outbox, with
     * {@value #ID_HEADER}) and marks it REDRIVEN by {@code operator}, in one transaction. Repeating the call
     * publishes nothing and answers the row as it is.
     *
     * @return empty when there is no such dead letter
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<Redrive> redrive(long id, String operator) {
        Optional<DeadLetter> locked = one("select " + COLUMNS + " from dead_letter where id = :id for update", id);
        if (locked.isEmpty()) {
            return Optional.empty();
        }
        if (locked.get().state() == DeadLetter.State.REDRIVEN) {
            return Optional.of(new Redrive(locked.get(), true));
        }
        return Optional.of(new Redrive(republish(locked.get(), operator), false));
    }

    /** Re-drives every WAITING dead letter of the topic, in id order, as {@link #redrive} does one. */
    @Transactional(Transactional.TxType.REQUIRED)
    public List<DeadLetter> redriveAll(String topic, String operator) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS
                + " from dead_letter where source_topic = :topic and state = 'WAITING' order by id for update")
                .setParameter("topic", topic)
                .getResultList();
        List<DeadLetter> redriven = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            redriven.add(republish(toLetter(row), operator));
        }
        return redriven;
    }

    private DeadLetter republish(DeadLetter letter, String operator) {
        // The stored headers byte for byte (the view shows non-text values as base64), less earlier rounds' marks.
        @SuppressWarnings("unchecked")
        List<String> stored = entityManager.createNativeQuery("select headers from dead_letter where id = :id")
                .setParameter("id", letter.id()).getResultList();
        List<Header> headers = new ArrayList<>();
        for (Header h : KafkaHeadersJson.read(stored.get(0))) {
            if (!h.key().startsWith(PREFIX)) {
                headers.add(h);
            }
        }
        headers.add(header(ID_HEADER, String.valueOf(letter.id())));
        // A record that had no key is re-driven without one, as it was first published.
        outbox.publishRecord(DerivedIds.of("dead-letter-redrive", String.valueOf(letter.id()), letter.sourceTopic()),
                letter.sourceTopic(), letter.key(), letter.value() == null ? "" : letter.value(), headers);
        entityManager.createNativeQuery("""
                update dead_letter set state = 'REDRIVEN', redriven_at = now(), redriven_by = :by where id = :id""")
                .setParameter("by", operator)
                .setParameter("id", letter.id())
                .executeUpdate();
        LOG.infof("Dead letter %d (%s-%d@%d) re-driven by %s", letter.id(), letter.sourceTopic(),
                letter.sourcePartition(), letter.sourceOffset(), operator);
        return find(letter.id()).orElseThrow();
    }

    private Optional<Long> earlierLetter(String idText, String topic) {
        long id;
        try {
            id = Long.parseLong(idText.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // Only a dead letter of this service for this topic: another service's ids mean nothing here.
        @SuppressWarnings("unchecked")
        List<Number> found = entityManager.createNativeQuery(
                "select id from dead_letter where id = :id and source_topic = :topic")
                .setParameter("id", id).setParameter("topic", topic).getResultList();
        return found.stream().findFirst().map(Number::longValue);
    }

    private Optional<DeadLetter> findBySource(InboundRecord source) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS + """
                 from dead_letter where source_topic = :topic and source_partition = :partition
                and source_offset = :offset""")
                .setParameter("topic", source.topic())
                .setParameter("partition", source.partition())
                .setParameter("offset", source.offset())
                .getResultList();
        return rows.stream().findFirst().map(DeadLetters::toLetter);
    }

    private Optional<DeadLetter> one(String sql, long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(sql).setParameter("id", id).getResultList();
        return rows.stream().findFirst().map(DeadLetters::toLetter);
    }

    private static List<Header> deadLetterHeaders(DeadLetter letter, List<Header> original) {
        List<Header> headers = new ArrayList<>();
        for (Header h : original) {
            if (!h.key().startsWith(PREFIX)) {
                headers.add(h);
            }
        }
        headers.add(header(ID_HEADER, String.valueOf(letter.id())));
        headers.add(header(REASON_HEADER, letter.reason()));
        headers.add(header(STACK_HEADER, letter.stackSummary()));
        headers.add(header(TOPIC_HEADER, letter.sourceTopic()));
        headers.add(header(PARTITION_HEADER, String.valueOf(letter.sourcePartition())));
        headers.add(header(OFFSET_HEADER, String.valueOf(letter.sourceOffset())));
        headers.add(header(FIRST_ATTEMPT_HEADER, letter.firstAttempt().toString()));
        headers.add(header(LAST_ATTEMPT_HEADER, letter.lastAttempt().toString()));
        headers.add(header(ATTEMPTS_HEADER, String.valueOf(letter.attempts())));
        if (letter.redrivenFrom() != null) {
            headers.add(header(REDRIVEN_FROM_HEADER, String.valueOf(letter.redrivenFrom())));
        }
        return headers;
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static DeadLetter toLetter(Object[] r) {
        List<DeadLetter.Header> headers = KafkaHeadersJson.read((String) r[6]).stream()
                .map(h -> new DeadLetter.Header(h.key(), KafkaHeadersJson.text(h)))
                .collect(Collectors.toList());
        return new DeadLetter(((Number) r[0]).longValue(), (String) r[1], ((Number) r[2]).intValue(),
                ((Number) r[3]).longValue(), (String) r[4], (String) r[5], headers, (String) r[7], (String) r[8],
                instant(r[9]), instant(r[10]), ((Number) r[11]).intValue(), DeadLetter.State.valueOf((String) r[12]),
                instant(r[13]), (String) r[14], r[15] == null ? null : ((Number) r[15]).longValue(), instant(r[16]));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    /**
     * One line saying why: the failure's message, and the innermost cause's when the failure only wraps it
     * (a PersistenceException around a PSQLException, say).
     */
    public static String reasonOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String top = describe(failure);
        String reason = root == failure ? top : top + " (cause: " + describe(root) + ")";
        return clip(reason.replace('\n', ' ').replace('\r', ' '));
    }

    /** The first lines of the failure's stack and its causes, short enough for a header and a table row. */
    public static String stackSummaryOf(Throwable failure) {
        StringBuilder text = new StringBuilder();
        int lines = 0;
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t) && lines < STACK_LINES; t = t.getCause()) {
            if (t != failure) {
                text.append("Caused by: ");
            }
            text.append(describe(t)).append('\n');
            lines++;
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(3, frames.length) && lines < STACK_LINES; i++, lines++) {
                text.append("\tat ").append(frames[i]).append('\n');
            }
        }
        return text.length() > 4000 ? text.substring(0, 4000) : text.toString().stripTrailing();
    }

    private static String describe(Throwable t) {
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String clip(String text) {
        return text.length() > MAX_REASON ? text.substring(0, MAX_REASON) + "…" : text;
    }

    /** PostgreSQL text holds no NUL; no valid event contains one, so the escape loses nothing that mattered. */
    private static String noNul(String text) {
        return text == null ? null : text.replace("\u0000", "\\u0000");
    }
}
