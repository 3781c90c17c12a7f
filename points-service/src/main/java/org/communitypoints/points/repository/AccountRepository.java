package org.communitypoints.points.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.points.domain.Account;
import org.communitypoints.points.domain.AccountKey;
import org.communitypoints.points.domain.AccountType;

/**
 * Accounts and their balances, in plain JDBC: the crediting path handles thousands of accounts per
 * statement. Every method runs in the caller's transaction.
 */
@ApplicationScoped
public class AccountRepository {

    private static final Comparator<AccountKey> KEY_ORDER = Comparator.comparing(AccountKey::communityId)
            .thenComparing(k -> k.type().name()).thenComparing(AccountKey::ownerId);

    private final DataSource dataSource;

    public AccountRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens the accounts that do not exist yet and returns all of them. The accounts that keep a
     * balance row are locked, always in id order so that concurrent writers never deadlock; the
     * issuance account is never locked.
     */
    public Map<AccountKey, Account> openAndLock(Collection<AccountKey> keys) {
        List<AccountKey> sorted = keys.stream().distinct().sorted(KEY_ORDER).toList();
        Map<AccountKey, Account> found = new HashMap<>();
        if (sorted.isEmpty()) {
            return found;
        }
        List<AccountKey> locked = sorted.stream().filter(k -> k.type() != AccountType.ISSUANCE).toList();
        List<AccountKey> unlocked = sorted.stream().filter(k -> k.type() == AccountType.ISSUANCE).toList();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into account (community_id, type, owner_id)
                    select * from unnest(?::text[], ?::text[], ?::text[])
                    on conflict on constraint account_unique do nothing""")) {
                bindKeys(connection, insert, sorted);
                insert.executeUpdate();
            }
            select(connection, locked, true, found);
            select(connection, unlocked, false, found);
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return found;
    }

    private static void select(Connection connection, List<AccountKey> keys, boolean lock, Map<AccountKey, Account> into)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement select = connection.prepareStatement("""
                select a.id, a.community_id, a.type, a.owner_id, a.posted, a.pending
                from account a
                join unnest(?::text[], ?::text[], ?::text[]) k(community_id, type, owner_id)
                  on a.community_id = k.community_id and a.type = k.type and a.owner_id = k.owner_id
                order by a.id""" + (lock ? " for update of a" : ""))) {
            bindKeys(connection, select, keys);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Account account = account(rs);
                    into.put(account.key(), account);
                }
            }
        }
    }

    /** The account with its current balance; empty if it was never opened. */
    public Optional<Account> find(AccountKey key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select id, community_id, type, owner_id, posted, pending from account
                        where community_id = ? and type = ? and owner_id = ?""")) {
            select.setString(1, key.communityId());
            select.setString(2, key.type().name());
            select.setString(3, key.ownerId());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Account account = account(rs);
                return Optional.of(account.key().type() == AccountType.ISSUANCE ? fromPostings(connection, account, null)
                        : account);
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** The account's balance from its postings up to and including {@code asOf}. */
    public Optional<Account> findAsOf(AccountKey key, Instant asOf) {
        return find(key).map(account -> {
            try (Connection connection = dataSource.getConnection()) {
                return fromPostings(connection, account, asOf);
            } catch (SQLException e) {
                throw new LedgerSqlException(e);
            }
        });
    }

    /** The community's own accounts (issuance, subsidy pool, expiry, partners'), with balances. */
    public List<Account> systemAccounts(String communityId) {
        List<Account> accounts = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select id, community_id, type, owner_id, posted, pending from account
                        where community_id = ? and type <> 'RESIDENT' order by type, owner_id""")) {
            select.setString(1, communityId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    accounts.add(account(rs));
                }
            }
            List<Account> withBalances = new ArrayList<>();
            for (Account account : accounts) {
                withBalances.add(account.key().type() == AccountType.ISSUANCE ? fromPostings(connection, account, null)
                        : account);
            }
            return withBalances;
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /**
     * The balance from the account's postings, now ({@code asOf} null) or as of a moment. The issuance account's is
     * not summed from its own postings, which posting_by_account leaves out since V100, but derived by double entry:
     * every transaction balances and stays in one community (apply_postings), so the issuance account holds minus
     * what every other account of its community holds, posted and pending each on their own.
     */
    private static Account fromPostings(Connection connection, Account account, Instant asOf) throws SQLException {
        if (account.key().type() == AccountType.ISSUANCE) {
            return issuance(connection, account, asOf);
        }
        // a posting stored since V97 keeps no time of its own: as of a moment, it is its transaction's; the balance
        // now needs no time. "issuance_leg is null" holds for every posting of this account and lets the planner use
        // posting_by_account, which is partial (V100).
        try (PreparedStatement sum = connection.prepareStatement(asOf == null ? """
                select coalesce(sum(amount) filter (where not pending), 0),
                       coalesce(sum(amount) filter (where pending), 0)
                from posting where account_id = ? and issuance_leg is null""" : """
                select coalesce(sum(p.amount) filter (where not p.pending), 0),
                       coalesce(sum(p.amount) filter (where p.pending), 0)
                from posting p join journal_transaction t on t.id = p.transaction_id
                where p.account_id = ? and p.issuance_leg is null and coalesce(p.posted_at, t.posted_at) <= ?""")) {
            sum.setLong(1, account.id());
            if (asOf != null) {
                sum.setObject(2, asOf.atOffset(ZoneOffset.UTC));
            }
            try (ResultSet rs = sum.executeQuery()) {
                rs.next();
                return new Account(account.id(), account.key(), rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /**
     * The issuance account's balance as minus its community's other accounts: now from their balance rows (kept
     * equal to their postings by apply_postings), as of a moment from their postings.
     */
    private static Account issuance(Connection connection, Account account, Instant asOf) throws SQLException {
        try (PreparedStatement sum = connection.prepareStatement(asOf == null ? """
                select coalesce(-sum(posted), 0), coalesce(-sum(pending), 0)
                from account where community_id = ? and type <> 'ISSUANCE'""" : """
                select coalesce(-sum(p.amount) filter (where not p.pending), 0),
                       coalesce(-sum(p.amount) filter (where p.pending), 0)
                from account a
                join posting p on p.account_id = a.id and p.issuance_leg is null
                join journal_transaction t on t.id = p.transaction_id
                where a.community_id = ? and a.type <> 'ISSUANCE' and coalesce(p.posted_at, t.posted_at) <= ?""")) {
            sum.setString(1, account.key().communityId());
            if (asOf != null) {
                sum.setObject(2, asOf.atOffset(ZoneOffset.UTC));
            }
            try (ResultSet rs = sum.executeQuery()) {
                rs.next();
                return new Account(account.id(), account.key(), rs.getLong(1), rs.getLong(2));
            }
        }
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong(1),
                new AccountKey(rs.getString(2), AccountType.valueOf(rs.getString(3)), rs.getString(4)),
                rs.getLong(5), rs.getLong(6));
    }

    private static void bindKeys(Connection connection, PreparedStatement statement, List<AccountKey> keys)
            throws SQLException {
        statement.setArray(1, texts(connection, keys.stream().map(AccountKey::communityId).toList()));
        statement.setArray(2, texts(connection, keys.stream().map(k -> k.type().name()).toList()));
        statement.setArray(3, texts(connection, keys.stream().map(AccountKey::ownerId).toList()));
    }

    static Array texts(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
