package org.communitypoints.platform.data;

import java.util.List;

import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * One relay step that keeps each key's events in order however many relays run on the service's schema.
 *
 * <p>
 * Rows are spread over a fixed number of slots by a hash of their key, so all events of one resident fall in
 * the same slot. A relay claims slots, not rows: in its transaction it takes a transaction-scoped advisory lock
 * ({@code pg_try_advisory_xact_lock}) on every slot that has waiting rows and that no other relay holds, sends
 * those slots' rows in id order, waits for Kafka's acknowledgements, deletes them and commits, which lets the
 * locks go. Another relay that wants a slot meanwhile skips it; when it gets the slot later it reads the rows in
 * a fresh snapshot (READ COMMITTED: each statement sees what committed before it), so it starts after the last
 * event the first relay sent. A crash rolls back the transaction, releases its locks and leaves the rows for the
 * next claimant, which sends them again with the same event ids.
 *
 * <p>
 * Row locks with SKIP LOCKED, the earlier design, shared the work but not the order: two relays took two
 * consecutive batches, and the second could reach Kafka first with a later event of a resident whose earlier
 * event sat in the first.
 *
 * <p>
 * The order is the order of the ids. For one key that is the commit order, because the transactions that
 * write one resident's events lock that resident's rows first and so insert their outbox rows one after another.
 */
final class OutboxSlots {

    /** Sends the rows in the given order and returns when Kafka acknowledged every one of them. */
    @FunctionalInterface
    interface Sender {
        void sendAll(List<OutboxEvent> rows);
    }

    /*
     * Advisory locks are database-wide while outbox tables are per schema: the schema's name is the first half of
     * the lock key, so the relays of two services sharing one database never wait for each other. The hash is
     * shifted into 0..2^31-1 (abs() would overflow on the smallest int); a row without key (a dead letter)
     * has no order to keep and spreads by its event id.
     */
    private static final String SLOT_OF_ROW = "mod(hashtext(coalesce(event_key, event_id::text))::bigint + 2147483648, :slots)";
    /*
     * The slots are looked for among the oldest rows only (:window of them, read in id order through the primary
     * key): the whole table read at every wake-up was a sequential scan of every page the relayed and deleted rows
     * left behind until autovacuum came (at most once a minute): 0.55-0.72 ms a wake-up at 200 redemptions a second
     * against 0.12-0.18 through the index, which skips deleted rows once one scan has seen them dead. Nothing waits
     * longer for it: the oldest rows' slots are claimed first, and a relay that sent a full batch comes back at once.
     */
    private static final String CLAIM = "with pending as materialized (select distinct slot from (select " + SLOT_OF_ROW
            + " as slot from outbox_event order by id limit :window) oldest) "
            + "select slot from pending where pg_try_advisory_xact_lock(hashtext('outbox_event@' || current_schema()), slot::int)";
    private static final String CLAIMED_ROWS = "select * from outbox_event where " + SLOT_OF_ROW
            + " = any(:claimed) order by id limit :limit";

    /**
     * How many batches' worth of the oldest rows a claim looks at: more than one, so that the rows of slots another
     * relay holds do not hide the rest, and a second relay still finds free slots behind them (new rows arriving while
     * the first sends its batch; with a backlog of more than this, the first relay's slots hold the second off until
     * it commits).
     */
    private static final int CLAIM_WINDOW_BATCHES = 4;

    private final EntityManager entityManager;
    private final Sender sender;
    private final int slots;
    private final int batchSize;
    private final int transactionTimeoutSeconds;

    OutboxSlots(EntityManager entityManager, Sender sender, int slots, int batchSize, int transactionTimeoutSeconds) {
        if (slots < 1) {
            throw new IllegalArgumentException("outbox.slots must be at least 1, was " + slots);
        }
        this.entityManager = entityManager;
        this.sender = sender;
        this.slots = slots;
        this.batchSize = batchSize;
        this.transactionTimeoutSeconds = transactionTimeoutSeconds;
    }

    /** @return how many events were relayed (0 when nothing waits or every waiting slot is held by another relay) */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().timeout(transactionTimeoutSeconds).call(() -> {
            // The planner's statistics of a queue table are never right: autovacuum last counted it nearly empty, so a
            // sequential scan looks as cheap as the primary key, and it reads every page of rows deleted since.
            entityManager.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            @SuppressWarnings("unchecked")
            List<Number> claimed = entityManager.createNativeQuery(CLAIM)
                    .setParameter("slots", slots)
                    .setParameter("window", CLAIM_WINDOW_BATCHES * batchSize)
                    .getResultList();
            if (claimed.isEmpty()) {
                return 0;
            }
            @SuppressWarnings("unchecked")
            List<OutboxEvent> batch = entityManager.createNativeQuery(CLAIMED_ROWS, OutboxEvent.class)
                    .setParameter("slots", slots)
                    .setParameter("claimed", claimed.stream().map(Number::longValue).toArray(Long[]::new))
                    .setParameter("limit", batchSize)
                    .getResultList();
            if (batch.isEmpty()) {
                return 0;
            }
            sender.sendAll(batch);
            entityManager.createNativeQuery("delete from outbox_event where id = any(:ids)")
                    .setParameter("ids", batch.stream().map(r -> r.id).toArray(Long[]::new))
                    .executeUpdate();
            return batch.size();
        });
    }
}
