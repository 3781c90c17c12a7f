package org.communitypoints.points.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.export.ReconciliationRun;
import org.communitypoints.contracts.export.ReconciliationRun.Check;
import org.communitypoints.contracts.export.ReconciliationRun.Finding;
import org.communitypoints.contracts.export.ReconciliationRun.Outcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The reconciler's runs ({@code reconciliation_run}, {@code reconciliation_discrepancy}; V81): written once. */
@ApplicationScoped
public class ReconciliationRunRepository {

    private static final TypeReference<List<Check>> CHECKS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final ObjectMapper json;

    public ReconciliationRunRepository(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Stores a run and its discrepancies; a run already stored is left as it is. */
    public void insert(ReconciliationRun run) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into reconciliation_run (run_id, started_at, finished_at, outcome, postings_checked, checks)
                    values (?, ?, ?, ?, ?, ?::jsonb)
                    on conflict (run_id) do nothing""")) {
                insert.setObject(1, run.runId());
                insert.setObject(2, run.startedAt().atOffset(ZoneOffset.UTC));
                insert.setObject(3, run.finishedAt().atOffset(ZoneOffset.UTC));
                insert.setString(4, run.outcome().name());
                insert.setLong(5, run.postingsChecked());
                insert.setString(6, json.writeValueAsString(run.checks()));
                if (insert.executeUpdate() == 0) {
                    return;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into reconciliation_discrepancy (run_id, ordinal, check_name, community_id, subject, detail)
                    select ?, t.* from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[]) t""")) {
                List<Finding> found = run.discrepancies();
                Integer[] ordinals = new Integer[found.size()];
                for (int i = 0; i < ordinals.length; i++) {
                    ordinals[i] = i;
                }
                insert.setObject(1, run.runId());
                insert.setArray(2, connection.createArrayOf("int4", ordinals));
                insert.setArray(3, connection.createArrayOf("text", found.stream().map(Finding::check).toArray()));
                insert.setArray(4, connection.createArrayOf("text", found.stream().map(Finding::communityId).toArray()));
                insert.setArray(5, connection.createArrayOf("text", found.stream().map(Finding::subject).toArray()));
                insert.setArray(6, connection.createArrayOf("text", found.stream().map(Finding::detail).toArray()));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The run that finished last (the later arrival of two that finished together), without its discrepancies. */
    public Optional<ReconciliationRun> latest() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select run_id, started_at, finished_at, outcome, postings_checked, checks::text
                        from reconciliation_run order by finished_at desc, received_seq desc limit 1""");
                ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new ReconciliationRun(rs.getObject(1, UUID.class), instant(rs.getTimestamp(2)),
                    instant(rs.getTimestamp(3)), Outcome.valueOf(rs.getString(4)), rs.getLong(5),
                    json.readValue(rs.getString(6), CHECKS), List.of()));
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Discrepancies of a run per check name, of one community (or of all when {@code communityId} is null). */
    public java.util.Map<String, Long> countsByCheck(UUID runId, String communityId) {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select check_name, count(*) from reconciliation_discrepancy
                        where run_id = ? and (?::text is null or community_id = ?::text) group by check_name""")) {
            select.setObject(1, runId);
            select.setString(2, communityId);
            select.setString(3, communityId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return counts;
    }

    /** The first {@code limit} discrepancies of a run in the order reported, of one community or of all (null). */
    public List<Finding> discrepancies(UUID runId, String communityId, int limit) {
        List<Finding> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select check_name, community_id, subject, detail from reconciliation_discrepancy
                        where run_id = ? and (?::text is null or community_id = ?::text)
                        order by ordinal limit ?""")) {
            select.setObject(1, runId);
            select.setString(2, communityId);
            select.setString(3, communityId);
            select.setInt(4, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new Finding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return found;
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }
}
