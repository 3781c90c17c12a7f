package org.communitypoints.points.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The minutes residents served, from the shift columns of the journal (V80): each shift credit or correction records
 * the minutes its shift stands at afterwards, so what one adds is that less the shift's previous transaction's.
 */
@ApplicationScoped
public class ServedMinutesRepository {

    private final DataSource dataSource;

    public ServedMinutesRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Minutes served per resident (member id) by the shift transactions of a community posted in [from, to): a credit
     * adds its shift's minutes, a correction the change it made (negative for a shortened or voided shift, whatever
     * month the shift was credited in). Residents without shift transactions in the range are absent.
     * <p>
     * A shift's credit is found by its id, derived from the shift ({@code ShiftCreditingService.creditOf}, computed
     * in SQL by {@code derived_id}, V92), its corrections by the index on the shift of corrections: no index on the
     * shift of every credit (README "Storage per credit").
     */
    public Map<String, Long> byResident(String communityId, Instant from, Instant to) {
        Map<String, Long> minutes = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        with in_range as (
                            select id, shift_id from journal_transaction
                            where community_id = ? and posted_at >= ? and posted_at < ? and shift_id is not null),
                        of_those_shifts as (
                            select t.id, t.shift_minutes - lag(t.shift_minutes, 1, 0) over (
                                       partition by t.shift_id
                                       order by (select min(p.seq) from posting p where p.transaction_id = t.id)) as added
                            from (select distinct shift_id from in_range) s
                            cross join lateral (
                                select id, shift_id, shift_minutes from journal_transaction
                                where id = derived_id('shift-credit|' || s.shift_id) and shift_id = s.shift_id
                                union all
                                select id, shift_id, shift_minutes from journal_transaction
                                where kind = 'SHIFT_CORRECTION' and shift_id = s.shift_id) t)
                        select a.owner_id, sum(s.added)
                        from of_those_shifts s
                        join in_range r on r.id = s.id
                        join posting p on p.transaction_id = s.id
                        join account a on a.id = p.account_id and a.type = 'RESIDENT'
                        group by a.owner_id""")) {
            select.setString(1, communityId);
            select.setObject(2, from.atOffset(ZoneOffset.UTC));
            select.setObject(3, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    minutes.put(rs.getString(1), rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return minutes;
    }
}
