package org.communitypoints.catalog.repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.domain.RedemptionState;
import org.communitypoints.platform.data.ExportCursor;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** Redemptions, their locks for the saga's transitions, and their state history for the export. */
@ApplicationScoped
public class RedemptionRepository implements PanacheRepositoryBase<Redemption, UUID> {

    /**
     * A redemption to show, not to change: loaded read-only, so the session keeps no snapshot of it and no flush
     * compares it (the waiting reads run it twice per redemption, the second inside a transaction of their own).
     */
    public Optional<Redemption> toRead(UUID id) {
        return getEntityManager().unwrap(Session.class).byId(Redemption.class).withReadOnly(true).loadOptional(id);
    }

    /** The primary key of the redemption table (V1): PostgreSQL's name for it. */
    private static final String PRIMARY_KEY = "redemption_pkey";

    /** Whether {@code failure} is the insert of a redemption whose id another redemption already has. */
    public static boolean isIdTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation
                    && PRIMARY_KEY.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Inserts new redemptions with one statement, whatever their number: a batch of requests pays one round trip for
     * its rows instead of one each. The table's triggers still run for every row (a redemption starts PENDING, its
     * history is kept). The redemptions do not enter the session: nothing in the request's transaction reads or
     * changes them again. The columns a new redemption leaves empty (voucher, fulfilment, capture, release, reason)
     * are left out; the database insists they are.
     *
     * @return the ids inserted: an id another redemption already has is absent (its row not written), waited for first
     *         when that redemption is not yet committed
     */
    public Set<UUID> insertAll(List<Redemption> news) {
        if (news.isEmpty()) {
            return Set.of();
        }
        return getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into catalog.redemption (id, community_id, member_id, acted_by, receipt, partner_id, reward_id,
                        session_id, meal_day, reward_kind, reward_title, partner_name, points, subsidy_points,
                        subsidy_category, state, valid_from, valid_until, hold_expires_at, holds_capacity, created_at)
                    select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[],
                        ?::uuid[], ?::date[], ?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[],
                        ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::bool[],
                        ?::timestamptz[])
                    on conflict (id) do nothing
                    returning id""")) {
                int column = 1;
                insert.setArray(column++, connection.createArrayOf("uuid", column(news, r -> r.id)));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> r.communityId)));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> r.memberId)));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> r.actedBy)));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> r.receipt)));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> r.partnerId)));
                insert.setArray(column++, connection.createArrayOf("uuid", column(news, r -> r.rewardId)));
                insert.setArray(column++, connection.createArrayOf("uuid", column(news, r -> r.sessionId)));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> text(r.mealDay))));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> r.rewardKind.name())));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> r.rewardTitle)));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> r.partnerName)));
                insert.setArray(column++, connection.createArrayOf("int8", column(news, r -> r.points)));
                insert.setArray(column++, connection.createArrayOf("int8", column(news, r -> r.subsidyPoints)));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> r.subsidyCategory)));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> r.state.name())));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> text(r.validFrom))));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> text(r.validUntil))));
                insert.setArray(column++, connection.createArrayOf("text", column(news, r -> text(r.holdExpiresAt))));
                insert.setArray(column++, connection.createArrayOf("bool", column(news, r -> r.holdsCapacity)));
                insert.setArray(column, connection.createArrayOf("text", column(news, r -> text(r.createdAt))));
                Set<UUID> inserted = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getObject(1, UUID.class));
                    }
                }
                return inserted;
            }
        });
    }

    private static Object[] column(List<Redemption> rows, Function<Redemption, Object> value) {
        return rows.stream().map(value).toArray();
    }

    /** In the ISO form PostgreSQL reads as a date or a timestamptz; null stays null. */
    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Locks the row until the transaction ends: transitions of one redemption happen one at a time. */
    public Optional<Redemption> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Locks the redemptions with these ids, in id order (two transactions locking overlapping sets take the rows in the
     * same order and cannot deadlock on them), in one statement whatever their number. Ids the catalog does not have
     * are absent from the answer.
     * <p>
     * The redemptions come read-only: no flush writes what their transitions change. The caller writes them with
     * {@link #writeAnswered}, one statement for all, as it read them.
     */
    public List<Redemption> lockAllToAnswer(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Redemption> locked = getEntityManager().createNativeQuery(
                "select * from redemption where id = any(cast(:ids as uuid[])) order by id for update", Redemption.class)
                .setParameter("ids", ids.toArray(UUID[]::new)).getResultList();
        Session session = getEntityManager().unwrap(Session.class);
        locked.forEach(r -> session.setReadOnly(r, true));
        return locked;
    }

    /**
     * What points-service's answers change in a redemption (HoldOutcomeService): its state, reason, voucher, capture,
     * release and whether it still holds its seat, meal or stock unit. Nothing else of the row is theirs to change.
     */
    public record Answered(RedemptionState state, String reasonCode, String reasonDetail, String voucherCode,
            Instant capturedAt, Instant releasedAt, boolean holdsCapacity) {

        public static Answered of(Redemption r) {
            return new Answered(r.state, r.reasonCode, r.reasonDetail, r.voucherCode, r.capturedAt, r.releasedAt,
                    r.holdsCapacity);
        }
    }

    /**
     * Writes what answers changed in redemptions {@link #lockAllToAnswer} locked, with one statement whatever their
     * number. Row by row through the session, each update was a statement of its own, 0.54-0.60 ms of PostgreSQL's
     * time a redemption at 200 redemptions a second; set-wise 0.27-0.33 ms a row (docs/benchmarks.md). The table's
     * triggers still run for every row: the transition is checked, the change numbered, the history kept.
     */
    public void writeAnswered(List<Redemption> changed) {
        if (changed.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    update catalog.redemption r set state = a.state, reason_code = a.reason_code,
                        reason_detail = a.reason_detail, voucher_code = a.voucher_code, captured_at = a.captured_at,
                        released_at = a.released_at, holds_capacity = a.holds_capacity
                    from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                        ?::timestamptz[], ?::bool[])
                        as a(id, state, reason_code, reason_detail, voucher_code, captured_at, released_at, holds_capacity)
                    where r.id = a.id""")) {
                int column = 1;
                update.setArray(column++, connection.createArrayOf("uuid", column(changed, r -> r.id)));
                update.setArray(column++, connection.createArrayOf("text", column(changed, r -> r.state.name())));
                update.setArray(column++, connection.createArrayOf("text", column(changed, r -> r.reasonCode)));
                update.setArray(column++, connection.createArrayOf("text", column(changed, r -> r.reasonDetail)));
                update.setArray(column++, connection.createArrayOf("text", column(changed, r -> r.voucherCode)));
                update.setArray(column++, connection.createArrayOf("text", column(changed, r -> text(r.capturedAt))));
                update.setArray(column++, connection.createArrayOf("text", column(changed, r -> text(r.releasedAt))));
                update.setArray(column, connection.createArrayOf("bool", column(changed, r -> r.holdsCapacity)));
                int updated = update.executeUpdate();
                if (updated != changed.size()) {
                    throw new IllegalStateException(
                            "wrote " + updated + " of " + changed.size() + " answered redemptions, all locked");
                }
            }
        });
    }

    public Optional<Redemption> lockByVoucher(String code) {
        return find("voucherCode", code).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<Redemption> byVoucher(String code) {
        return find("voucherCode", code).firstResultOptional();
    }

    /** The most one page of a resident's redemptions, or their list of vouchers, shows: the newest. */
    public static final int MEMBER_LIST = 500;

    /** The resident's redemptions, newest first; with {@code before}, only those strictly older than it. */
    public List<Redemption> ofMember(String communityId, String memberId, Redemption before, int limit) {
        Sort newestFirst = Sort.descending("createdAt", "id");
        if (before == null) {
            return find("communityId = ?1 and memberId = ?2", newestFirst, communityId, memberId).page(0, limit).list();
        }
        // "createdAt <= ?3" on its own too: the index (redemption_member_newest) then starts at the cursor instead of
        // reading every newer redemption of the resident and leaving them out.
        return find("communityId = ?1 and memberId = ?2 and createdAt <= ?3 and (createdAt < ?3 or id < ?4)",
                newestFirst, communityId, memberId, before.createdAt, before.id).page(0, limit).list();
    }

    public List<Redemption> ofCommunity(String communityId, RedemptionState state, int limit) {
        return find("communityId = ?1 and state = ?2", Sort.descending("createdAt"), communityId, state)
                .page(0, limit).list();
    }

    /** Vouchers a partner took at the counter in [from, to). */
    public List<Redemption> fulfilledBy(String partnerId, Instant from, Instant to) {
        return list("partnerId = ?1 and fulfilledAt >= ?2 and fulfilledAt < ?3", Sort.by("fulfilledAt").and("id"),
                partnerId, from, to);
    }

    /**
     * The resident's redemptions with a voucher in these states, newest first: "my home" asks for the ACTIVE ones
     * (CONFIRMED rows, by redemption_member_confirmed) on every screen, which must not read the resident's whole history.
     */
    public List<Redemption> vouchersOfMember(String communityId, String memberId, List<RedemptionState> states,
            int limit) {
        return find("communityId = ?1 and memberId = ?2 and state in ?3 and voucherCode is not null",
                Sort.descending("createdAt"), communityId, memberId, states).page(0, limit).list();
    }

    public List<Redemption> vouchersOfPartner(String communityId, String partnerId, List<RedemptionState> states, int limit) {
        return find("communityId = ?1 and partnerId = ?2 and state in ?3 and voucherCode is not null",
                Sort.descending("validUntil"), communityId, partnerId, states).page(0, limit).list();
    }

    /**
     * Open redemptions whose voucher validity has passed, locked; rows another instance is expiring are
     * skipped rather than waited for.
     */
    @SuppressWarnings("unchecked")
    public List<Redemption> lockDueForExpiry(Instant now, int limit) {
        return getEntityManager().createNativeQuery("""
                select * from redemption where state in ('PENDING', 'CONFIRMED') and valid_until < :now
                order by valid_until limit :limit for update skip locked""", Redemption.class)
                .setParameter("now", now).setParameter("limit", limit).getResultList();
    }

    /**
     * A redemption whose saga waits for points-service, and the step to ask again.
     *
     * @param step {@code hold-requested}, {@code capture-requested} or {@code release-requested}
     * @param attempts re-sends of this step so far
     */
    public record Waiting(UUID redemptionId, String step, int attempts) {
    }

    /**
     * Redemptions waiting for an answer longer than their step's age, and longer than the back-off since the
     * step was last re-sent (the age doubled per re-send, at most {@code maxBackoff}), locked; rows another
     * instance is handling are skipped. PENDING waits for a hold answer, FULFILLED for a capture answer,
     * CANCELLED and EXPIRED (with points held, not yet confirmed released, hold not yet lapsed) for a release
     * answer (also one the resident pays nothing for: its hold reserves the subsidy in the community's pool).
     */
    public List<Waiting> lockWaiting(Instant now, Duration pendingAge, Duration captureAge, Duration releaseAge,
            Duration maxBackoff, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select r.id, w.step, coalesce(s.attempts, 0)
                  from redemption r
                  cross join lateral (select case r.state when 'PENDING' then 'hold-requested'
                                                          when 'FULFILLED' then 'capture-requested'
                                                          else 'release-requested' end as step,
                                             case r.state when 'PENDING' then cast(:pendingAge as float8)
                                                          when 'FULFILLED' then cast(:captureAge as float8)
                                                          else cast(:releaseAge as float8) end as age) w
                  left join redemption_resend s on s.redemption_id = r.id and s.step = w.step
                 where (r.state in ('PENDING', 'FULFILLED')
                        or (r.state in ('CANCELLED', 'EXPIRED') and r.released_at is null
                            and r.hold_expires_at > cast(:now as timestamptz)))
                   and r.changed_at < cast(:now as timestamptz) - make_interval(secs => w.age)
                   and (s.last_sent_at is null or s.last_sent_at < cast(:now as timestamptz) - make_interval(
                            secs => least(w.age * power(2, least(s.attempts, 30)), cast(:maxBackoff as float8))))
                 order by r.changed_at
                 limit :limit
                   for update of r skip locked""")
                .setParameter("now", now)
                .setParameter("pendingAge", seconds(pendingAge))
                .setParameter("captureAge", seconds(captureAge))
                .setParameter("releaseAge", seconds(releaseAge))
                .setParameter("maxBackoff", seconds(maxBackoff))
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(r -> new Waiting((UUID) r[0], (String) r[1], ((Number) r[2]).intValue())).toList();
    }

    /** Records one more re-send of the step. */
    public void recordResend(UUID redemptionId, String step, Instant at) {
        getEntityManager().createNativeQuery("""
                insert into redemption_resend (redemption_id, step, attempts, last_sent_at) values (:id, :step, 1, :at)
                on conflict (redemption_id, step)
                do update set attempts = redemption_resend.attempts + 1, last_sent_at = excluded.last_sent_at""")
                .setParameter("id", redemptionId).setParameter("step", step).setParameter("at", at).executeUpdate();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** Where a redemption's last change stands in the export order. */
    public record Change(UUID redemptionId, String writerXid, long changeSeq) {
    }

    /**
     * The changes after the cursor that can no longer be overtaken (their transactions and every older one
     * have ended), in export order; the redemption rows themselves come from {@link #byIds}.
     */
    public List<Change> changedAfter(ExportCursor cursor, int limit) {
        // The text column has a name of its own: unnamed, it was called writer_xid too, and "order by writer_xid"
        // means an output column before a table's column, so the pages were sorted as text ("102243" before
        // "3727"): once transaction ids passed a power of ten the export skipped and repeated redemptions, and the
        // whole table was sorted for every page instead of read in the index's order.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("select id, cast(writer_xid as text) as writer_xid_text,"
                + " change_seq from redemption where " + ExportCursor.pageCondition("writer_xid", "change_seq")
                + " order by writer_xid, change_seq limit ?")
                .setParameter(1, cursor.writerXid()).setParameter(2, cursor.sequence()).setParameter(3, limit)
                .getResultList();
        return rows.stream().map(r -> new Change((UUID) r[0], (String) r[1], ((Number) r[2]).longValue())).toList();
    }

    public List<Redemption> byIds(List<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    public record HistoryRow(UUID redemptionId, String state, String reasonCode, Instant at) {
    }

    public List<HistoryRow> history(List<UUID> redemptionIds) {
        if (redemptionIds.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                select redemption_id, state, reason_code, at from redemption_history
                where redemption_id = any(:ids) order by id""")
                .setParameter("ids", redemptionIds.toArray(UUID[]::new)).getResultList();
        return rows.stream().map(r -> new HistoryRow((UUID) r[0], (String) r[1], (String) r[2], toInstant(r[3]))).toList();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
