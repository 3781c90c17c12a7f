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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.export.UnconfirmedRequest;
import org.communitypoints.platform.data.ExportCursor;
import org.communitypoints.points.domain.Hold;
import org.communitypoints.points.domain.HoldStatus;

/** The hold of each redemption, and the answers given about it. */
@ApplicationScoped
public class HoldRepository {

    private final DataSource dataSource;

    public HoldRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The hold, locked until the transaction ends so that capture, release and expiry never race. */
    public Optional<Hold> lock(UUID redemptionId) {
        return query("select * from hold where redemption_id = ? for update", redemptionId).stream().findFirst();
    }

    /** @return false when a hold for this redemption already exists */
    public boolean insert(Hold hold) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into hold (redemption_id, community_id, member_id, partner_id, reward_title, points,
                                          subsidy_points, expires_at, status, reason, closed_at, pool_reserved)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (redemption_id) do nothing""")) {
            insert.setObject(1, hold.redemptionId());
            insert.setString(2, hold.communityId());
            insert.setString(3, hold.memberId());
            insert.setString(4, hold.partnerId());
            insert.setString(5, hold.rewardTitle());
            insert.setLong(6, hold.points());
            insert.setLong(7, hold.subsidyPoints());
            insert.setObject(8, at(hold.expiresAt()));
            insert.setString(9, hold.status().name());
            insert.setString(10, hold.reason());
            insert.setObject(11, at(hold.closedAt()));
            insert.setBoolean(12, hold.poolReserved());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /**
     * Inserts new holds with one statement (a poll's holds at once).
     *
     * @return how many were inserted: fewer than given when a hold for one of the redemptions already existed
     */
    public int insertAll(List<Hold> newHolds) {
        if (newHolds.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into hold (redemption_id, community_id, member_id, partner_id, reward_title, points,
                                          subsidy_points, expires_at, status, reason, closed_at, pool_reserved)
                        select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[],
                                             ?::bigint[], ?::timestamptz[], ?::text[], ?::text[], ?::timestamptz[],
                                             ?::boolean[])
                        on conflict (redemption_id) do nothing""")) {
            insert.setArray(1, connection.createArrayOf("uuid", newHolds.stream().map(Hold::redemptionId).toArray()));
            insert.setArray(2, connection.createArrayOf("text", newHolds.stream().map(Hold::communityId).toArray()));
            insert.setArray(3, connection.createArrayOf("text", newHolds.stream().map(Hold::memberId).toArray()));
            insert.setArray(4, connection.createArrayOf("text", newHolds.stream().map(Hold::partnerId).toArray()));
            insert.setArray(5, connection.createArrayOf("text", newHolds.stream().map(Hold::rewardTitle).toArray()));
            insert.setArray(6, connection.createArrayOf("int8", newHolds.stream().map(Hold::points).toArray()));
            insert.setArray(7, connection.createArrayOf("int8", newHolds.stream().map(Hold::subsidyPoints).toArray()));
            insert.setArray(8, connection.createArrayOf("timestamptz",
                    newHolds.stream().map(h -> at(h.expiresAt())).toArray()));
            insert.setArray(9, connection.createArrayOf("text", newHolds.stream().map(h -> h.status().name()).toArray()));
            insert.setArray(10, connection.createArrayOf("text", newHolds.stream().map(Hold::reason).toArray()));
            insert.setArray(11, connection.createArrayOf("timestamptz",
                    newHolds.stream().map(h -> at(h.closedAt())).toArray()));
            insert.setArray(12, connection.createArrayOf("bool", newHolds.stream().map(Hold::poolReserved).toArray()));
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** Which of these redemptions have a hold row already (a hold, a refusal or a tombstone). */
    public Set<UUID> existing(Collection<UUID> redemptionIds) {
        Set<UUID> found = new HashSet<>();
        if (redemptionIds.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select redemption_id from hold where redemption_id = any(?)")) {
            select.setArray(1, connection.createArrayOf("uuid", redemptionIds.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return found;
    }

    /** An answer to record with the envelope as published. */
    public record NewAnswer(UUID eventId, UUID redemptionId, String answerType, String envelope) {
    }

    /**
     * Records answers given for the first time, with their envelopes, in one statement.
     *
     * @return how many were recorded: fewer than given when one of them had been given before
     */
    public int recordAnswers(List<NewAnswer> answers) {
        if (answers.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into hold_answer (event_id, redemption_id, answer_type, envelope)
                        select * from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[])
                        on conflict (event_id) do nothing""")) {
            insert.setArray(1, connection.createArrayOf("uuid", answers.stream().map(NewAnswer::eventId).toArray()));
            insert.setArray(2, connection.createArrayOf("uuid", answers.stream().map(NewAnswer::redemptionId).toArray()));
            insert.setArray(3, connection.createArrayOf("text", answers.stream().map(NewAnswer::answerType).toArray()));
            insert.setArray(4, connection.createArrayOf("text", answers.stream().map(NewAnswer::envelope).toArray()));
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    public void close(UUID redemptionId, HoldStatus status, String reason, Instant closedAt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update hold set status = ?, reason = ?, closed_at = ? where redemption_id = ?")) {
            update.setString(1, status.name());
            update.setString(2, reason);
            update.setObject(3, at(closedAt));
            update.setObject(4, redemptionId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** Placed holds past their expiry, locked; holds another instance is expiring are skipped. */
    public List<Hold> lockExpired(Instant now, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select * from hold where status = 'PLACED' and expires_at <= ?
                        order by expires_at limit ? for update skip locked""")) {
            select.setObject(1, at(now));
            select.setInt(2, limit);
            return read(select);
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    public Optional<Hold> find(UUID redemptionId) {
        return query("select * from hold where redemption_id = ?", redemptionId).stream().findFirst();
    }

    /** @return false when this answer was already given */
    public boolean recordAnswer(UUID eventId, UUID redemptionId, String answerType) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into hold_answer (event_id, redemption_id, answer_type) values (?, ?, ?)
                        on conflict (event_id) do nothing""")) {
            insert.setObject(1, eventId);
            insert.setObject(2, redemptionId);
            insert.setString(3, answerType);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** Stores the answer as published, for {@link #givenAnswer} to hand back when the request comes again. */
    public void keepAnswer(UUID eventId, String envelope) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update hold_answer set envelope = ? where event_id = ?")) {
            update.setString(1, envelope);
            update.setObject(2, eventId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /**
     * Clears the kept envelopes of answers given before {@code before}, at most {@code atMost} of them, the oldest
     * first; rows another instance is clearing are skipped. A request that comes again afterwards is answered by
     * rebuilding the answer under the same event id.
     *
     * @return how many envelopes were cleared
     */
    public int forgetEnvelopes(Instant before, int atMost) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("""
                        update hold_answer set envelope = null
                        where event_id in (select event_id from hold_answer
                                           where envelope is not null and answered_at < ?
                                           order by answered_at limit ? for update skip locked)""")) {
            update.setObject(1, at(before));
            update.setInt(2, atMost);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /**
     * An answer given before.
     *
     * @param envelope the answer as published; null for answers recorded before answers were kept
     */
    public record GivenAnswer(UUID eventId, String envelope) {
    }

    /** The answer with this id, if it was given. */
    public Optional<GivenAnswer> givenAnswer(UUID eventId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select event_id, envelope from hold_answer where event_id = ?")) {
            select.setObject(1, eventId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new GivenAnswer(rs.getObject(1, UUID.class), rs.getString(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** Whether an event is still waiting in the outbox: it will reach Kafka anyway, and its id cannot be written twice. */
    public boolean awaitingRelay(UUID eventId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select 1 from outbox_event where event_id = ?")) {
            select.setObject(1, eventId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /**
     * The requests refused for want of confirmation after the cursor, in the order they were refused (V110 keeps each
     * as its hold row is inserted).
     */
    public List<UnconfirmedRow> unconfirmedAfter(ExportCursor after, int limit) {
        List<UnconfirmedRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select writer_xid::text, seq, redemption_id, community_id, member_id, partner_id, reason, points,
                               subsidy_points, refused_at
                        from unconfirmed_request
                        where """ + ExportCursor.pageCondition("writer_xid", "seq") + """
                        order by writer_xid, seq
                        limit ?""")) {
            select.setString(1, after.writerXid());
            select.setLong(2, after.sequence());
            select.setInt(3, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new UnconfirmedRow(rs.getString(1), rs.getLong(2),
                            new UnconfirmedRequest(rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5),
                                    rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9),
                                    rs.getObject(10, OffsetDateTime.class).toInstant())));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return rows;
    }

    /** A refused request and its export position. */
    public record UnconfirmedRow(String writer, long sequence, UnconfirmedRequest request) {
    }

    private List<Hold> query(String sql, UUID redemptionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, redemptionId);
            return read(select);
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    private static List<Hold> read(PreparedStatement select) throws SQLException {
        List<Hold> holds = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                OffsetDateTime closed = rs.getObject("closed_at", OffsetDateTime.class);
                holds.add(new Hold(rs.getObject("redemption_id", UUID.class), rs.getString("community_id"),
                        rs.getString("member_id"), rs.getString("partner_id"), rs.getString("reward_title"),
                        rs.getLong("points"), rs.getLong("subsidy_points"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        HoldStatus.valueOf(rs.getString("status")), rs.getString("reason"),
                        closed == null ? null : closed.toInstant(), rs.getBoolean("pool_reserved")));
            }
        }
        return holds;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
