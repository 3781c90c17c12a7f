package org.communitypoints.points.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.points.domain.StaffTransfer;
import org.communitypoints.points.domain.TransferKind;
import org.communitypoints.points.domain.TransferStatus;

/**
 * Staff transfers (adjustments, pool fundings, reversals) from request to decision. Every method runs in the caller's
 * transaction.
 */
@ApplicationScoped
public class StaffTransferRepository {

    private final DataSource dataSource;

    public StaffTransferRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(StaffTransfer t) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into staff_transfer (id, kind, community_id, member_id, points, reason, status,
                                                    requested_by, requested_at, decided_by, decided_at, decision_reason,
                                                    reverses)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, t.id());
            insert.setString(2, t.kind().name());
            insert.setString(3, t.communityId());
            insert.setString(4, t.memberId());
            insert.setLong(5, t.points());
            insert.setString(6, t.reason());
            insert.setString(7, t.status().name());
            insert.setString(8, t.requestedBy());
            insert.setObject(9, at(t.requestedAt()));
            insert.setString(10, t.decidedBy());
            insert.setObject(11, at(t.decidedAt()));
            insert.setString(12, t.decisionReason());
            insert.setObject(13, t.reverses());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** The transfer, locked until the transaction ends: two checkers deciding at once are served one after the other. */
    public Optional<StaffTransfer> lock(UUID id) {
        return one("select * from staff_transfer where id = ? for update", id);
    }

    public Optional<StaffTransfer> find(UUID id) {
        return one("select * from staff_transfer where id = ?", id);
    }

    /** The reversal of a transaction that is waiting or booked (at most one is: V107); a rejected one is not. */
    public Optional<StaffTransfer> reversalAskedFor(UUID transactionId) {
        return one("select * from staff_transfer where reverses = ? and status <> 'REJECTED'", transactionId);
    }

    public void decide(UUID id, TransferStatus status, String decidedBy, String reason, Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        update staff_transfer set status = ?, decided_by = ?, decided_at = ?, decision_reason = ?
                        where id = ?""")) {
            update.setString(1, status.name());
            update.setString(2, decidedBy);
            update.setObject(3, at(at));
            update.setString(4, reason);
            update.setObject(5, id);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /**
     * The community's transfers of a kind, newest first, optionally of one status, strictly older than the transfer
     * {@code before} names when given.
     */
    public List<StaffTransfer> list(String communityId, TransferKind kind, TransferStatus status, Instant beforeAt,
            UUID beforeId, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select * from staff_transfer
                        where community_id = ? and kind = ? and (?::text is null or status = ?::text)
                          and (?::timestamptz is null or (requested_at, id) < (?::timestamptz, ?::uuid))
                        order by requested_at desc, id desc
                        limit ?""")) {
            select.setString(1, communityId);
            select.setString(2, kind.name());
            String s = status == null ? null : status.name();
            select.setString(3, s);
            select.setString(4, s);
            select.setObject(5, at(beforeAt));
            select.setObject(6, at(beforeAt));
            select.setObject(7, beforeId);
            select.setInt(8, limit);
            return read(select);
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /**
     * Serialises the requests of one key (a staff member's day, a community's month) until the transaction ends, so
     * that a total checked against its bound cannot be passed by two requests at once.
     */
    public void lockBound(String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement lock = connection.prepareStatement(
                        "select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, key);
            lock.executeQuery().close();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** The points (added and taken off together) a staff member asked to adjust in [from, to), rejected ones aside. */
    public long adjustedBy(String staffId, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select coalesce(sum(abs(points)), 0) from staff_transfer
                        where kind = 'ADJUSTMENT' and requested_by = ? and status <> 'REJECTED'
                          and requested_at >= ? and requested_at < ?""")) {
            select.setString(1, staffId);
            select.setObject(2, at(from));
            select.setObject(3, at(to));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** A community's transfers of a kind requested in [from, to), by status: {booked, pending}. */
    public long[] totals(String communityId, TransferKind kind, Instant from, Instant to) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select coalesce(sum(points) filter (where status = 'BOOKED'), 0),
                               coalesce(sum(points) filter (where status = 'PENDING'), 0)
                        from staff_transfer
                        where community_id = ? and kind = ? and requested_at >= ? and requested_at < ?""")) {
            select.setString(1, communityId);
            select.setString(2, kind.name());
            select.setObject(3, at(from));
            select.setObject(4, at(to));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return new long[] { rs.getLong(1), rs.getLong(2) };
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    private Optional<StaffTransfer> one(String sql, UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, id);
            return read(select).stream().findFirst();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    private static List<StaffTransfer> read(PreparedStatement select) throws SQLException {
        List<StaffTransfer> transfers = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
                transfers.add(new StaffTransfer(rs.getObject("id", UUID.class),
                        TransferKind.valueOf(rs.getString("kind")), rs.getString("community_id"),
                        rs.getString("member_id"), rs.getLong("points"), rs.getString("reason"),
                        TransferStatus.valueOf(rs.getString("status")), rs.getString("requested_by"),
                        rs.getObject("requested_at", OffsetDateTime.class).toInstant(), rs.getString("decided_by"),
                        decided == null ? null : decided.toInstant(), rs.getString("decision_reason"),
                        rs.getObject("reverses", UUID.class)));
            }
        }
        return transfers;
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
