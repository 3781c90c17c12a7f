package org.communitypoints.points.repository;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.seal.SignedSeal;

/** The signed monthly seals ({@code month_seal}, V61): written once, never changed. */
@ApplicationScoped
public class SealRepository {

    private final DataSource dataSource;

    public SealRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A seal as stored. */
    public record StoredSeal(String communityId, YearMonth month, long transactions, SignedSeal seal) {
    }

    /** A community with links, and the month of its earliest linked transaction (UTC instant; the caller zones it). */
    public record LinkedCommunity(String communityId, Instant firstPostedAt, YearMonth lastSealed) {
    }

    public void insert(String communityId, YearMonth month, Instant startsAt, Instant endsAt, long transactions,
            byte[] merkleRoot, long chainPosition, byte[] chainHash, SignedSeal seal, Instant sealedAt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into month_seal (community_id, month, starts_at, ends_at, transactions, merkle_root,
                                                chain_position, chain_hash, statement, signature, key_id, sealed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, communityId);
            insert.setDate(2, Date.valueOf(month.atDay(1)));
            insert.setObject(3, startsAt.atOffset(ZoneOffset.UTC));
            insert.setObject(4, endsAt.atOffset(ZoneOffset.UTC));
            insert.setLong(5, transactions);
            insert.setBytes(6, merkleRoot);
            insert.setLong(7, chainPosition);
            insert.setBytes(8, chainHash);
            insert.setString(9, seal.statement());
            insert.setBytes(10, Base64.getDecoder().decode(seal.signature()));
            insert.setString(11, seal.keyId());
            insert.setObject(12, sealedAt.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    public Optional<StoredSeal> find(String communityId, YearMonth month) {
        return select("where community_id = ? and month = ?", communityId, Date.valueOf(month.atDay(1))).stream()
                .findFirst();
    }

    /** Every seal, or one community's, by community and month. */
    public List<StoredSeal> all(String communityId) {
        return select("where (?::text is null or community_id = ?::text) order by community_id, month", communityId,
                communityId);
    }

    /** Communities with linked transactions, with their first one and their last sealed month (null if none). */
    public List<LinkedCommunity> linkedCommunities() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select c.community_id, f.posted_at, (select max(month) from month_seal s
                                                             where s.community_id = c.community_id)
                        from (select distinct community_id from chain_link) c
                        cross join lateral (select posted_at from chain_link l where l.community_id = c.community_id
                                            order by position limit 1) f""")) {
            List<LinkedCommunity> communities = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Date sealed = rs.getDate(3);
                    communities.add(new LinkedCommunity(rs.getString(1),
                            rs.getObject(2, OffsetDateTime.class).toInstant(),
                            sealed == null ? null : YearMonth.from(sealed.toLocalDate())));
                }
            }
            return communities;
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    private List<StoredSeal> select(String condition, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select community_id, month, transactions, statement, signature, key_id from month_seal "
                                + condition)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            List<StoredSeal> seals = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    LocalDate month = rs.getDate(2).toLocalDate();
                    seals.add(new StoredSeal(rs.getString(1), YearMonth.from(month), rs.getLong(3), new SignedSeal(
                            rs.getString(4), Base64.getEncoder().encodeToString(rs.getBytes(5)), rs.getString(6))));
                }
            }
            return seals;
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }
}
