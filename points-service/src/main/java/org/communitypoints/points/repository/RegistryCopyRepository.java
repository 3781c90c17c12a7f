package org.communitypoints.points.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the passbook reads from this service's copy of the registry (platform-data's {@code db/membership} tables,
 * kept by its RegistryConsumer) beyond platform-data's Membership checks: names, and who lives in a household.
 */
@ApplicationScoped
public class RegistryCopyRepository {

    private final DataSource dataSource;

    public RegistryCopyRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A household of the community as the copy holds it. */
    public record Household(String householdId, String name, boolean active) {
    }

    /** A current member of a household. */
    public record HouseholdMember(String memberId, String displayName) {
    }

    /**
     * The person's name in the community: a resident's display name, else the name a proxy grant gives them (a family
     * member who lives elsewhere is a proxy without being a resident here); empty when the copy has neither.
     */
    public Optional<String> displayName(String communityId, String personId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select coalesce(
                            (select display_name from member_copy
                              where member_id = ? and community_id = ? and display_name <> ''),
                            (select proxy_name from proxy_grant_copy
                              where proxy_id = ? and community_id = ? and proxy_name <> ''
                              order by version desc limit 1))""")) {
            select.setString(1, personId);
            select.setString(2, communityId);
            select.setString(3, personId);
            select.setString(4, communityId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return Optional.ofNullable(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** The household, in the community only: another community's household is answered like an unknown one. */
    public Optional<Household> household(String communityId, String householdId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select household_id, name, status from household_copy
                        where household_id = ? and community_id = ?""")) {
            select.setString(1, householdId);
            select.setString(2, communityId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new Household(rs.getString(1), rs.getString(2),
                        "ACTIVE".equals(rs.getString(3)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
    }

    /** The household's current members (active residents whose copy names it), in id order. */
    public List<HouseholdMember> members(String communityId, String householdId) {
        List<HouseholdMember> members = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select member_id, display_name from member_copy
                        where household_id = ? and community_id = ? and status = 'ACTIVE'
                        order by member_id""")) {
            select.setString(1, householdId);
            select.setString(2, communityId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    members.add(new HouseholdMember(rs.getString(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new LedgerSqlException(e);
        }
        return members;
    }
}
