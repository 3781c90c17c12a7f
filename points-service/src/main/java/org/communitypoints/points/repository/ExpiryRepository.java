package org.communitypoints.points.repository;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.points.domain.ExpiryPolicy;
import org.communitypoints.points.domain.ExpiryPolicyChange;

/**
 * Expiry by lot, computed over the journal: a lot is a credit posting, consumed first in, first out by the account's
 * debits, and the oldest points still unconsumed are what holds reserve first. No row is kept per credit.
 */
@ApplicationScoped
public class ExpiryRepository {

    /**
     * Per resident account of a community: the points of credits earned before the cutoff that are neither consumed
     * by the account's debits nor reserved by its holds. The credits are ordered oldest first (time, then sequence);
     * a credit's running total minus everything debited minus everything held, clamped to [0, its amount], is what
     * is left of it. Only credits before the cutoff count; the earliest and latest of them with something left give
     * the earning months the passbook names. {@code issuance_leg is null} is true of every resident's posting and lets
     * the planner use posting_by_account, which leaves the issuance legs out (V100).
     */
    private static final String EXPIRING = """
            with acct as (
                select a.id, a.owner_id, -a.pending as held
                from account a
                where a.community_id = ? and a.type = 'RESIDENT' and a.posted > 0
                  and (?::bigint[] is null or a.id = any(?::bigint[]))
            ),
            credits as (
                select p.account_id, p.amount, coalesce(p.posted_at, t.posted_at) as posted_at,
                       sum(p.amount) over (partition by p.account_id
                                           order by coalesce(p.posted_at, t.posted_at), p.seq) as running
                from posting p join acct on acct.id = p.account_id
                join journal_transaction t on t.id = p.transaction_id
                where p.issuance_leg is null and not p.pending and p.amount > 0
            ),
            debited as (
                select p.account_id, -sum(p.amount) as spent
                from posting p join acct on acct.id = p.account_id
                where p.issuance_leg is null and not p.pending and p.amount < 0
                group by p.account_id
            ),
            lots as (
                select c.account_id, c.posted_at,
                       greatest(0, least(c.amount, c.running - coalesce(d.spent, 0) - acct.held)) as left_over
                from credits c
                join acct on acct.id = c.account_id
                left join debited d on d.account_id = c.account_id
                where c.posted_at < ?
            )
            select acct.id, acct.owner_id, sum(l.left_over),
                   min(l.posted_at) filter (where l.left_over > 0), max(l.posted_at) filter (where l.left_over > 0)
            from lots l join acct on acct.id = l.account_id
            group by acct.id, acct.owner_id
            having sum(l.left_over) > 0
            order by acct.id""";

    private final DataSource dataSource;

    public ExpiryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * What lapses of one account at a cutoff.
     *
     * @param firstEarned when the oldest credit with points lapsing was earned
     * @param lastEarned when the newest of them was
     */
    public record Lapsing(long accountId, String memberId, long points, Instant firstEarned, Instant lastEarned) {
    }

    /**
     * The residents of the community whose points earned before {@code cutoff} are still unconsumed and not held;
     * only the given accounts when {@code accountIds} is not null.
     */
    public List<Lapsing> lapsing(String communityId, Instant cutoff, Collection<Long> accountIds) {
        List<Lapsing> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(EXPIRING)) {
            java.sql.Array ids = accountIds == null ? null : connection.createArrayOf("int8", accountIds.toArray());
            select.setString(1, communityId);
            select.setArray(2, ids);
            select.setArray(3, ids);
            select.setObject(4, cutoff.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Lapsing(rs.getLong(1), rs.getString(2), rs.getLong(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(),
                            rs.getObject(5, OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return rows;
    }

    public Optional<ExpiryPolicy> policy(String communityId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select community_id, enabled, expires_after_months, warn_days_ahead, expires_from, change_id,
                               changed_by, approved_by, changed_at
                        from expiry_policy where community_id = ?""")) {
            select.setString(1, communityId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(policy(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** The communities whose rule is switched on. */
    public List<ExpiryPolicy> enabledPolicies() {
        List<ExpiryPolicy> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select community_id, enabled, expires_after_months, warn_days_ahead, expires_from, change_id,
                               changed_by, approved_by, changed_at
                        from expiry_policy where enabled order by community_id""");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(policy(rs));
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return rows;
    }

    public void putPolicy(ExpiryPolicy p) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into expiry_policy (community_id, enabled, expires_after_months, warn_days_ahead,
                                                   expires_from, change_id, changed_by, approved_by, changed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (community_id) do update set enabled = excluded.enabled,
                            expires_after_months = excluded.expires_after_months,
                            warn_days_ahead = excluded.warn_days_ahead, expires_from = excluded.expires_from,
                            change_id = excluded.change_id, changed_by = excluded.changed_by,
                            approved_by = excluded.approved_by, changed_at = excluded.changed_at""")) {
            upsert.setString(1, p.communityId());
            upsert.setBoolean(2, p.enabled());
            upsert.setInt(3, p.expiresAfterMonths());
            upsert.setInt(4, p.warnDaysAhead());
            upsert.setDate(5, Date.valueOf(p.expiresFrom()));
            upsert.setObject(6, p.changeId());
            upsert.setString(7, p.changedBy());
            upsert.setString(8, p.approvedBy());
            upsert.setObject(9, p.changedAt().atOffset(ZoneOffset.UTC));
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    public void insertChange(ExpiryPolicyChange c) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into expiry_policy_change (id, community_id, enabled, expires_after_months,
                            warn_days_ahead, reason, status, requested_by, requested_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, c.id());
            insert.setString(2, c.communityId());
            insert.setBoolean(3, c.enabled());
            insert.setInt(4, c.expiresAfterMonths());
            insert.setInt(5, c.warnDaysAhead());
            insert.setString(6, c.reason());
            insert.setString(7, c.status().name());
            insert.setString(8, c.requestedBy());
            insert.setObject(9, c.requestedAt().atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** The change, locked until the transaction ends: two checkers at once decide it once. */
    public Optional<ExpiryPolicyChange> lockChange(UUID id) {
        return change(id, " for update");
    }

    public Optional<ExpiryPolicyChange> findChange(UUID id) {
        return change(id, "");
    }

    private Optional<ExpiryPolicyChange> change(UUID id, String lock) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(CHANGE_COLUMNS + " where id = ?" + lock)) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(change(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** The community's changes, newest first. */
    public List<ExpiryPolicyChange> changes(String communityId, int limit) {
        List<ExpiryPolicyChange> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        CHANGE_COLUMNS + " where community_id = ? order by requested_at desc, id limit ?")) {
            select.setString(1, communityId);
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(change(rs));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return rows;
    }

    public void decideChange(UUID id, ExpiryPolicyChange.Status status, String checkerId, String reason, Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        update expiry_policy_change set status = ?, decided_by = ?, decided_at = ?, decision_reason = ?
                        where id = ?""")) {
            update.setString(1, status.name());
            update.setString(2, checkerId);
            update.setObject(3, at.atOffset(ZoneOffset.UTC));
            update.setString(4, reason);
            update.setObject(5, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** Records the warning of a resident for a month; false when they were warned for it already. */
    public boolean warn(String communityId, String memberId, LocalDate expiryMonth, long points) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into expiry_warning (community_id, member_id, expiry_month, points)
                        values (?, ?, ?, ?) on conflict do nothing""")) {
            insert.setString(1, communityId);
            insert.setString(2, memberId);
            insert.setDate(3, Date.valueOf(expiryMonth));
            insert.setLong(4, points);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** What the registry copy says of a resident, for the staff list. */
    public record Resident(String displayName, boolean elderly) {
    }

    public Map<String, Resident> residents(String communityId, Collection<String> memberIds) {
        Map<String, Resident> found = new HashMap<>();
        if (memberIds.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select member_id, display_name, elderly from member_copy
                        where community_id = ? and member_id = any(?)""")) {
            select.setString(1, communityId);
            select.setArray(2, AccountRepository.texts(connection, List.copyOf(memberIds)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new Resident(rs.getString(2), rs.getBoolean(3)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return found;
    }

    private static final String CHANGE_COLUMNS = """
            select id, community_id, enabled, expires_after_months, warn_days_ahead, reason, status, requested_by,
                   requested_at, decided_by, decided_at, decision_reason
            from expiry_policy_change""";

    private static ExpiryPolicyChange change(ResultSet rs) throws SQLException {
        OffsetDateTime decided = rs.getObject(11, OffsetDateTime.class);
        return new ExpiryPolicyChange(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), rs.getInt(4),
                rs.getInt(5), rs.getString(6), ExpiryPolicyChange.Status.valueOf(rs.getString(7)), rs.getString(8),
                rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getString(10),
                decided == null ? null : decided.toInstant(), rs.getString(12));
    }

    private static ExpiryPolicy policy(ResultSet rs) throws SQLException {
        return new ExpiryPolicy(rs.getString(1), rs.getBoolean(2), rs.getInt(3), rs.getInt(4),
                rs.getDate(5).toLocalDate(), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8),
                rs.getObject(9, OffsetDateTime.class).toInstant());
    }
}
