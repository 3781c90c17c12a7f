package org.communitypoints.points.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.points.domain.AuditAction;
import org.communitypoints.points.domain.AuditEntry;
import org.communitypoints.points.domain.TransferKind;

/** The append-only control audit (the database refuses updates and deletes). */
@ApplicationScoped
public class AuditRepository {

    private final DataSource dataSource;

    public AuditRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends the entry; its sequence and time are the database's. */
    public void append(AuditEntry e) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into control_audit (community_id, kind, transfer_id, action, actor, member_id, points,
                                                   code, reason)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, e.communityId());
            insert.setString(2, e.kind().name());
            insert.setObject(3, e.transferId());
            insert.setString(4, e.action().name());
            insert.setString(5, e.actor());
            insert.setString(6, e.memberId());
            if (e.points() == null) {
                insert.setNull(7, Types.BIGINT);
            } else {
                insert.setLong(7, e.points());
            }
            insert.setString(8, e.code());
            insert.setString(9, e.reason());
            insert.executeUpdate();
        } catch (SQLException ex) {
            throw new LedgerSqlException(ex);
        }
    }

    /** A community's entries, newest first, older than {@code beforeSequence} when given; of one transfer when given. */
    public List<AuditEntry> list(String communityId, UUID transferId, Long beforeSequence, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select seq, community_id, kind, transfer_id, action, actor, member_id, points, code, reason, at
                        from control_audit
                        where community_id = ? and (?::uuid is null or transfer_id = ?::uuid)
                          and (?::bigint is null or seq < ?::bigint)
                        order by seq desc
                        limit ?""")) {
            select.setString(1, communityId);
            select.setObject(2, transferId);
            select.setObject(3, transferId);
            select.setObject(4, beforeSequence);
            select.setObject(5, beforeSequence);
            select.setInt(6, limit);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long points = rs.getLong(8);
                    entries.add(new AuditEntry(rs.getLong(1), rs.getString(2), TransferKind.valueOf(rs.getString(3)),
                            rs.getObject(4, UUID.class), AuditAction.valueOf(rs.getString(5)), rs.getString(6),
                            rs.getString(7), rs.wasNull() ? null : points, rs.getString(9), rs.getString(10),
                            rs.getObject(11, OffsetDateTime.class).toInstant()));
                }
            }
            return entries;
        } catch (SQLException ex) {
            throw new LedgerSqlException(ex);
        }
    }
}
