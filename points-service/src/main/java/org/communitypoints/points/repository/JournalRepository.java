package org.communitypoints.points.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.export.CauseType;
import org.communitypoints.platform.data.ExportCursor;
import org.communitypoints.points.domain.Account;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.AccountType;
import org.communitypoints.points.domain.JournalTransaction;
import org.communitypoints.points.domain.Posting;
import org.communitypoints.points.domain.ShiftCreditDescription;
import org.communitypoints.points.domain.TransactionKind;

/** The append-only journal: one multi-row statement per table however many transactions are appended. */
@ApplicationScoped
public class JournalRepository {

    private final DataSource dataSource;

    public JournalRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Appends the transactions whose id is not in the journal yet; the others were booked before and are
     * left alone. The caller has opened and locked the accounts. The posting trigger checks that every
     * transaction balances and moves the account balances (the database refuses an overdrawn resident).
     *
     * @return the ids actually appended
     */
    public Set<UUID> append(List<JournalTransaction> transactions, Map<AccountKey, Account> accounts, Instant postedAt) {
        Set<UUID> appended = new HashSet<>();
        if (transactions.isEmpty()) {
            return appended;
        }
        OffsetDateTime at = postedAt.atOffset(ZoneOffset.UTC);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into journal_transaction
                        (id, community_id, kind, cause_type, cause_id, description, actor, reason, approved_by,
                         acted_by, shift_id, shift_minutes, activity_title, posted_at)
                    select t.*, ? from unnest(?::uuid[], ?::text[], ?::transaction_kind[], ?::text[], ?::text[],
                                               ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[],
                                               ?::int[], ?::text[]) t
                    on conflict (id) do nothing
                    returning id""")) {
                insert.setObject(1, at);
                insert.setArray(2,
                        connection.createArrayOf("uuid", transactions.stream().map(JournalTransaction::id).toArray()));
                insert.setArray(3, AccountRepository.texts(connection,
                        transactions.stream().map(JournalTransaction::communityId).toList()));
                // the kind's name, cast to the enum above (V101): text is not turned into an enum implicitly
                insert.setArray(4,
                        AccountRepository.texts(connection, transactions.stream().map(t -> t.kind().name()).toList()));
                insert.setArray(5,
                        AccountRepository.texts(connection,
                                transactions.stream().map(JournalRepository::storedCauseType).toList()));
                insert.setArray(6, AccountRepository.texts(connection,
                        transactions.stream().map(JournalRepository::storedCauseId).toList()));
                insert.setArray(7, AccountRepository.texts(connection,
                        transactions.stream().map(JournalRepository::storedDescription).toList()));
                insert.setArray(8,
                        AccountRepository.texts(connection, transactions.stream().map(JournalTransaction::actor).toList()));
                insert.setArray(9,
                        AccountRepository.texts(connection, transactions.stream().map(JournalTransaction::reason).toList()));
                insert.setArray(10, AccountRepository.texts(connection,
                        transactions.stream().map(JournalTransaction::approvedBy).toList()));
                insert.setArray(11, AccountRepository.texts(connection,
                        transactions.stream().map(JournalTransaction::actedBy).toList()));
                insert.setArray(12, connection.createArrayOf("uuid", transactions.stream()
                        .map(t -> t.shiftMinutes() == null ? null : t.shiftMinutes().shiftId()).toArray()));
                insert.setArray(13, connection.createArrayOf("int4", transactions.stream()
                        .map(t -> t.shiftMinutes() == null ? null : t.shiftMinutes().minutes()).toArray()));
                insert.setArray(14, AccountRepository.texts(connection,
                        transactions.stream().map(JournalRepository::storedActivityTitle).toList()));
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        appended.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            List<Object> txIds = new ArrayList<>();
            List<Object> accountIds = new ArrayList<>();
            List<Object> amounts = new ArrayList<>();
            List<Object> pendings = new ArrayList<>();
            List<Object> issuanceLegs = new ArrayList<>();
            for (JournalTransaction transaction : transactions) {
                if (!appended.contains(transaction.id())) {
                    continue;
                }
                for (Posting posting : transaction.postings()) {
                    Account account = accounts.get(posting.account());
                    if (account == null) {
                        throw new IllegalStateException("account " + posting.account() + " was not opened");
                    }
                    txIds.add(transaction.id());
                    accountIds.add(account.id());
                    amounts.add(posting.amount());
                    pendings.add(posting.pending());
                    issuanceLegs.add(account.key().type() == AccountType.ISSUANCE ? Boolean.TRUE : null);
                }
            }
            if (!txIds.isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into posting (transaction_id, account_id, amount, pending, issuance_leg)
                        select p.* from unnest(?::uuid[], ?::bigint[], ?::bigint[], ?::boolean[], ?::boolean[]) p""")) {
                    // no posted_at: a posting's time is its transaction's, read as coalesce(p.posted_at, t.posted_at) (V97);
                    // the issuance leg marked, so that posting_by_account leaves it out (V100)
                    insert.setArray(1, connection.createArrayOf("uuid", txIds.toArray()));
                    insert.setArray(2, connection.createArrayOf("int8", accountIds.toArray()));
                    insert.setArray(3, connection.createArrayOf("int8", amounts.toArray()));
                    insert.setArray(4, connection.createArrayOf("bool", pendings.toArray()));
                    insert.setArray(5, connection.createArrayOf("bool", issuanceLegs.toArray()));
                    insert.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return appended;
    }

    /**
     * A transaction's cause type as every reader takes it: a shift credit caused by its shift stores none (V102). Needs
     * the journal row as {@code t}.
     */
    public static final String CAUSE_TYPE = "coalesce(t.cause_type, '" + CauseType.SHIFT.name() + "')";

    /**
     * What the row stores as cause_type: null for a shift credit caused by its shift (its kind and shift_id say so,
     * read back through {@link #CAUSE_TYPE}), the cause type otherwise.
     */
    static String storedCauseType(JournalTransaction transaction) {
        boolean causedByItsShift = transaction.kind() == TransactionKind.SHIFT_CREDIT
                && transaction.shiftMinutes() != null && CauseType.SHIFT.name().equals(transaction.causeType());
        return causedByItsShift ? null : transaction.causeType();
    }

    /**
     * What the row stores as cause_id: null for a shift credit whose cause is its shift (shift_id holds the same id,
     * and every reader takes {@code coalesce(cause_id, shift_id::text)}, V94), the cause's id otherwise.
     */
    static String storedCauseId(JournalTransaction transaction) {
        boolean causedByItsShift = transaction.kind() == TransactionKind.SHIFT_CREDIT
                && transaction.shiftMinutes() != null
                && transaction.shiftMinutes().shiftId().toString().equals(transaction.causeId());
        return causedByItsShift ? null : transaction.causeId();
    }

    /**
     * A transaction's description as every reader takes it: a shift credit may store only its activity title, the
     * rest of its description being the template around it and its minutes (V96). Needs the journal row as {@code t}.
     */
    public static final String DESCRIPTION = "coalesce(t.description, '" + ShiftCreditDescription.PREFIX
            + "' || t.activity_title || '" + ShiftCreditDescription.BEFORE_MINUTES + "' || t.shift_minutes::text || '"
            + ShiftCreditDescription.AFTER_MINUTES + "')";

    /**
     * What the row stores as description: null for a shift credit whose description is exactly the template over its
     * activity and its minutes (read back through {@link #DESCRIPTION}), the description otherwise.
     */
    static String storedDescription(JournalTransaction transaction) {
        return describedByTemplate(transaction) == null ? transaction.description() : null;
    }

    /** The activity title stored in place of a description left out, null when the description is stored. */
    static String storedActivityTitle(JournalTransaction transaction) {
        return describedByTemplate(transaction);
    }

    private static String describedByTemplate(JournalTransaction transaction) {
        if (transaction.kind() != TransactionKind.SHIFT_CREDIT || transaction.shiftMinutes() == null) {
            return null;
        }
        return ShiftCreditDescription.activityOf(transaction.description(), transaction.shiftMinutes().minutes())
                .orElse(null);
    }

    /** The ids among these that are in the journal already. */
    public Set<UUID> existing(Collection<UUID> transactionIds) {
        Set<UUID> existing = new HashSet<>();
        if (transactionIds.isEmpty()) {
            return existing;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection
                        .prepareStatement("select id from journal_transaction where id = any(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", transactionIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return existing;
    }

    /**
     * One journal transaction as it touched one account: a line of the account's statement.
     *
     * @param sequence the first of the transaction's postings on the account (the page cursor)
     * @param lastSequence the last of them (balances "after the line" are summed through it)
     * @param postedChange the change to the posted balance (+ in, − out)
     * @param heldChange the change to the points held: + when a hold freezes points, − when a capture or release
     *        lets them go
     * @param actedBy the proxy who acted for the resident; null when nobody did
     */
    public record StatementLine(long accountId, long sequence, long lastSequence, UUID transactionId,
            TransactionKind kind, String description, long postedChange, long heldChange, Instant postedAt,
            String actedBy) {
    }

    /** A statement line's columns ({@link #line}) over postings {@code p} and their transactions {@code t}. */
    private static final String LINE_COLUMNS = """
            select p.account_id, min(p.seq), max(p.seq), p.transaction_id, t.kind, %s,
                   coalesce(sum(p.amount) filter (where not p.pending), 0),
                   coalesce(-sum(p.amount) filter (where p.pending), 0),
                   min(coalesce(p.posted_at, t.posted_at)), t.acted_by
            """.formatted(DESCRIPTION);
    /** One line per account and transaction, the newest (by its first posting) first. */
    private static final String LINES_NEWEST_FIRST = """
            group by p.account_id, p.transaction_id, t.kind, t.description, t.activity_title, t.shift_minutes, t.acted_by
            order by min(p.seq) desc
            """;

    /** The lines of one account: see {@link #statement(List, Long, Instant, Instant, int)}. */
    public List<StatementLine> statement(long accountId, Long beforeSequence, Instant from, Instant to, int limit) {
        return statement(List.of(accountId), beforeSequence, from, to, limit);
    }

    /**
     * The accounts' lines, newest first, one per journal transaction and account (a capture's voided hold leg and its
     * posted leg make one line), strictly before {@code beforeSequence} when given, within [from, to) when given. A
     * transaction's postings on one account are inserted by one statement under the account's row lock, so they
     * never interleave with another transaction's: "first posting before the cursor" is "the whole line before it".
     * Sequences are global, so the lines of several accounts (a household's) page together. The readers by account
     * (this one, {@link #balanceThrough}, {@link #subsidyPaid}) say {@code issuance_leg is null}, true of every posting
     * on a resident's, pool's or partner's account, so that the planner may use posting_by_account, which leaves the
     * issuance legs out (V100); none of them reads the issuance account.
     * <p>
     * Without dates a page reads only the accounts' newest postings before the cursor ({@link #newestLines}): its cost
     * is the page's, not the account's history (a resident with 1,525 postings: 9 ms instead of 90 ms, and growing
     * with every redemption before). A date range reads the range's lines by grouping all of the accounts' postings.
     */
    public List<StatementLine> statement(List<Long> accountIds, Long beforeSequence, Instant from, Instant to,
            int limit) {
        if (from != null || to != null) {
            return statementBetween(accountIds, beforeSequence, from, to, limit);
        }
        // Most lines are one posting, a capture's two: twice the page and a little more nearly always does it.
        int postings = limit * 2 + 8;
        while (true) {
            NewestPostings newest = newestLines(accountIds, beforeSequence, postings);
            List<StatementLine> lines = newest.completeLines();
            if (lines.size() >= limit || !newest.more()) {
                return lines.size() > limit ? lines.subList(0, limit) : lines;
            }
            postings *= 4;
        }
    }

    /**
     * The lines made of the accounts' {@code postings} newest postings before the cursor, newest first.
     *
     * @param lines grouped as in {@link #statement(List, Long, Instant, Instant, int)}, the oldest of each account
     *        possibly cut short by the window
     * @param more whether the window was full, so that older postings may exist
     */
    record NewestPostings(List<StatementLine> lines, boolean more) {

        /**
         * The lines known whole, newest first. When the window was full, an account's oldest line in it may go on
         * below the window, so it is left out, and with it every line not newer than it: a line of another account
         * between the two would otherwise be shown before a line that is still to come. Every line newer than all of
         * those left out lies wholly within the window.
         */
        List<StatementLine> completeLines() {
            if (!more) {
                return lines;
            }
            Map<Long, StatementLine> oldestOfAccount = new HashMap<>();
            for (StatementLine line : lines) {
                oldestOfAccount.put(line.accountId(), line);
            }
            long bound = oldestOfAccount.values().stream().mapToLong(StatementLine::lastSequence).max().orElse(0);
            return lines.stream().filter(line -> line.sequence() > bound).toList();
        }
    }

    private NewestPostings newestLines(List<Long> accountIds, Long beforeSequence, int postings) {
        List<StatementLine> lines = new ArrayList<>();
        long read = 0;
        // Each account's newest postings by posting_by_account (backwards), then the newest of them all: a household's
        // accounts page together without reading their histories.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        with window_postings as materialized (
                            select r.* from unnest(?::bigint[]) a(id) cross join lateral (
                                select p.account_id, p.seq, p.transaction_id, p.amount, p.pending, p.posted_at
                                from posting p
                                where p.account_id = a.id and p.issuance_leg is null
                                  and (?::bigint is null or p.seq < ?::bigint)
                                order by p.seq desc
                                limit ?) r
                            order by r.seq desc
                            limit ?)
                        """ + LINE_COLUMNS + """
                        , count(*)
                        from window_postings p join journal_transaction t on t.id = p.transaction_id
                        """ + LINES_NEWEST_FIRST)) {
            select.setArray(1, connection.createArrayOf("int8", accountIds.toArray()));
            select.setObject(2, beforeSequence);
            select.setObject(3, beforeSequence);
            select.setInt(4, postings);
            select.setInt(5, postings);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lines.add(line(rs));
                    read += rs.getLong(11);
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return new NewestPostings(lines, read >= postings);
    }

    private List<StatementLine> statementBetween(List<Long> accountIds, Long beforeSequence, Instant from, Instant to,
            int limit) {
        List<StatementLine> lines = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(LINE_COLUMNS + """
                        from posting p join journal_transaction t on t.id = p.transaction_id
                        where p.account_id = any(?) and p.issuance_leg is null
                          and (?::bigint is null or p.seq < ?::bigint)
                          and (?::timestamptz is null or coalesce(p.posted_at, t.posted_at) >= ?::timestamptz)
                          and (?::timestamptz is null or coalesce(p.posted_at, t.posted_at) < ?::timestamptz)
                        """ + LINES_NEWEST_FIRST + """
                        limit ?""")) {
            select.setArray(1, connection.createArrayOf("int8", accountIds.toArray()));
            select.setObject(2, beforeSequence);
            select.setObject(3, beforeSequence);
            OffsetDateTime f = from == null ? null : from.atOffset(ZoneOffset.UTC);
            OffsetDateTime t = to == null ? null : to.atOffset(ZoneOffset.UTC);
            select.setObject(4, f);
            select.setObject(5, f);
            select.setObject(6, t);
            select.setObject(7, t);
            select.setInt(8, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    lines.add(line(rs));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return lines;
    }

    private static StatementLine line(ResultSet rs) throws SQLException {
        return new StatementLine(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getObject(4, UUID.class),
                TransactionKind.valueOf(rs.getString(5)), rs.getString(6), rs.getLong(7), rs.getLong(8),
                rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getString(10));
    }

    /** An account's balance right after a posting: posted, and held (the negated sum of its pending postings). */
    public record BalanceThrough(long posted, long held) {
    }

    /**
     * The account's posted and held balance right after the posting with this sequence: its balance now less the
     * postings after it, read in one statement (one snapshot, and the account row changes in the transaction that
     * writes its postings). For the newest page that is no posting at all, where summing the postings up to it read
     * the account's whole history.
     */
    public BalanceThrough balanceThrough(long accountId, long sequence) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select a.posted - coalesce(sum(p.amount) filter (where not p.pending), 0),
                               -(a.pending - coalesce(sum(p.amount) filter (where p.pending), 0))
                        from account a
                        left join posting p on p.account_id = a.id and p.issuance_leg is null and p.seq > ?
                        where a.id = ?
                        group by a.id""")) {
            select.setLong(1, sequence);
            select.setLong(2, accountId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new BalanceThrough(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** The subsidy the pool paid to partners (captures) in [from, to). */
    public long subsidyPaid(long poolAccountId, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select coalesce(-sum(p.amount), 0) from posting p
                        join journal_transaction t on t.id = p.transaction_id
                        where p.account_id = ? and p.issuance_leg is null and not p.pending and t.kind = 'CAPTURE'
                          and coalesce(p.posted_at, t.posted_at) >= ? and coalesce(p.posted_at, t.posted_at) < ?""")) {
            select.setLong(1, poolAccountId);
            select.setObject(2, from.atOffset(ZoneOffset.UTC));
            select.setObject(3, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** A posting as the reconciliation export shows it. */
    public record ExportedPosting(String writer, long sequence, UUID transactionId, TransactionKind kind,
            String causeType, String causeId, long accountId, AccountType accountType, String ownerId,
            String communityId, long amount, boolean pending, Instant postedAt, String description, String actor,
            String approvedBy) {
    }

    /**
     * Postings in export order (writing transaction, then sequence) after the given position, limited to
     * rows of transactions older than every transaction still running: whatever commits later sorts after
     * what is returned now, so a reader paging with the last position never misses or repeats a row.
     */
    public List<ExportedPosting> exportAfter(ExportCursor after, int limit) {
        List<ExportedPosting> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        """
                                select p.writer_xid::text, p.seq, p.transaction_id, t.kind, %s, coalesce(t.cause_id, t.shift_id::text),
                                       a.id, a.type, a.owner_id, a.community_id, p.amount, p.pending,
                                       coalesce(p.posted_at, t.posted_at), %s, t.actor, t.approved_by
                                from posting p
                                join journal_transaction t on t.id = p.transaction_id
                                join account a on a.id = p.account_id
                                where """
                                .formatted(CAUSE_TYPE, DESCRIPTION)
                                + ExportCursor.pageCondition("p.writer_xid", "p.seq") + """
                                        order by p.writer_xid, p.seq
                                        limit ?""")) {
            select.setString(1, after.writerXid());
            select.setLong(2, after.sequence());
            select.setInt(3, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ExportedPosting(rs.getString(1), rs.getLong(2), rs.getObject(3, UUID.class),
                            TransactionKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getLong(7),
                            AccountType.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10), rs.getLong(11),
                            rs.getBoolean(12), rs.getObject(13, OffsetDateTime.class).toInstant(), rs.getString(14),
                            rs.getString(15), rs.getString(16)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return rows;
    }

    /** An account's balance at a moment, from its postings. */
    /**
     * An account's balance as of a moment, and, read in the same snapshot, its stored balance row next to
     * the sums of all its postings so far: a reconciler can prove the row the hold check relies on matches
     * the journal. The issuance account keeps no stored row (it is never locked), so its stored values are null.
     */
    public record BalanceAt(long accountId, String communityId, AccountType type, String ownerId, long posted,
            long pending, Long storedPosted, Long storedPending, long totalPosted, long totalPending) {
    }

    /**
     * Every account's balance from the postings made up to and including {@code asOf}. The issuance account's is
     * minus the sums of its community's other accounts (V100: its legs are in no index by account, and by double
     * entry it holds what they hold, negated), so one community's export reads that community's accounts through
     * posting_by_account whatever the number of communities in the database. The reconciler sums the journal
     * export's issuance legs itself: comparing the two checks double entry across both exports, where summing the
     * same legs twice would check nothing.
     */
    public List<BalanceAt> balancesAsOf(Instant asOf, String communityId) {
        List<BalanceAt> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        with others as (
                            select a.id, a.community_id, a.type, a.owner_id, a.posted, a.pending,
                                   coalesce(sum(p.amount) filter (where not p.pending and p.at <= ?), 0) as posted_then,
                                   coalesce(sum(p.amount) filter (where p.pending and p.at <= ?), 0) as pending_then,
                                   coalesce(sum(p.amount) filter (where not p.pending), 0) as posted_now,
                                   coalesce(sum(p.amount) filter (where p.pending), 0) as pending_now,
                                   count(*) filter (where p.at <= ?) as postings_then
                            from account a
                            join (select p.account_id, p.amount, p.pending, coalesce(p.posted_at, t.posted_at) as at
                                  from posting p join journal_transaction t on t.id = p.transaction_id
                                  where p.issuance_leg is null) p
                              on p.account_id = a.id
                            where a.type <> 'ISSUANCE' and (?::text is null or a.community_id = ?::text)
                            group by a.id)
                        select id, community_id, type, owner_id, posted_then, pending_then, posted, pending,
                               posted_now, pending_now
                        from others where postings_then > 0
                        union all
                        select i.id, i.community_id, i.type, i.owner_id, -sum(o.posted_then), -sum(o.pending_then),
                               null, null, -sum(o.posted_now), -sum(o.pending_now)
                        from account i join others o on o.community_id = i.community_id
                        where i.type = 'ISSUANCE'
                        group by i.id
                        having sum(o.postings_then) > 0
                        order by id""")) {
            java.time.OffsetDateTime at = asOf.atOffset(ZoneOffset.UTC);
            select.setObject(1, at);
            select.setObject(2, at);
            select.setObject(3, at);
            select.setString(4, communityId);
            select.setString(5, communityId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    AccountType type = AccountType.valueOf(rs.getString(3));
                    boolean stored = type != AccountType.ISSUANCE;
                    rows.add(new BalanceAt(rs.getLong(1), rs.getString(2), type, rs.getString(4), rs.getLong(5),
                            rs.getLong(6), stored ? rs.getLong(7) : null, stored ? rs.getLong(8) : null,
                            rs.getLong(9), rs.getLong(10)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return rows;
    }

    /** A transaction already in the journal, with its postings. */
    public record Booked(UUID id, String communityId, TransactionKind kind, String description,
            List<Posting> postings) {
    }

    /** The descriptions of transactions in the journal, by id, read by one statement (a page of reversals' originals). */
    public Map<UUID, String> descriptions(Collection<UUID> transactionIds) {
        Map<UUID, String> descriptions = new HashMap<>();
        if (transactionIds.isEmpty()) {
            return descriptions;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select t.id, %s from journal_transaction t where t.id = any (?)".formatted(DESCRIPTION))) {
            select.setArray(1, connection.createArrayOf("uuid", transactionIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    descriptions.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
            return descriptions;
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    public java.util.Optional<Booked> find(UUID transactionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select t.community_id, t.kind, %s, a.community_id, a.type, a.owner_id, p.amount, p.pending
                        from journal_transaction t
                        join posting p on p.transaction_id = t.id
                        join account a on a.id = p.account_id
                        where t.id = ?
                        order by p.seq""".formatted(DESCRIPTION))) {
            select.setObject(1, transactionId);
            String community = null;
            TransactionKind kind = null;
            String description = null;
            List<Posting> postings = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    community = rs.getString(1);
                    kind = TransactionKind.valueOf(rs.getString(2));
                    description = rs.getString(3);
                    postings.add(new Posting(new AccountKey(rs.getString(4), AccountType.valueOf(rs.getString(5)),
                            rs.getString(6)), rs.getLong(7), rs.getBoolean(8)));
                }
            }
            return community == null ? java.util.Optional.empty()
                    : java.util.Optional.of(new Booked(transactionId, community, kind, description, postings));
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }
}
