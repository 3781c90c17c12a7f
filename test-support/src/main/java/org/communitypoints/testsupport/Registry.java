package org.communitypoints.testsupport;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.events.HouseholdChanged;
import org.communitypoints.contracts.events.MemberChanged;
import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;
import org.communitypoints.contracts.events.MemberChanged.VolunteerState;
import org.communitypoints.contracts.events.ProxyChanged;

/**
 * Plays community-service in a service's tests: publishes the registry's events to the test broker, exactly as the
 * real producer would (topic {@code community.registry}, keyed by the aggregate), and waits until the service's own
 * copy ({@code member_copy}, {@code household_copy}, {@code proxy_grant_copy}) holds them. The rule "an id must be an
 * active resident of the caller's community" is never relaxed for tests: they register their residents here.
 *
 * <p>
 * Versions come from one counter per test JVM that only grows, so a later call always supersedes an earlier one for
 * the same aggregate (as community-service's versions do); a test of version ordering passes its own versions.
 */
public final class Registry implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Above any version a test writes by hand, and growing. */
    private static final AtomicLong VERSIONS = new AtomicLong(1_000_000L);

    private final KafkaTestClient kafka;

    private Registry(KafkaTestClient kafka) {
        this.kafka = kafka;
    }

    /** The registry of the test broker; close it after the tests (e.g. in {@code @AfterAll}). */
    public static Registry forTests() {
        return new Registry(KafkaTestClient.forTests());
    }

    public static long nextVersion() {
        return VERSIONS.incrementAndGet();
    }

    /** Active residents who are registered volunteers, without a household; returns once the copy has them all. */
    public void register(String communityId, String... memberIds) {
        List<MemberChanged> members = new ArrayList<>();
        for (String memberId : memberIds) {
            members.add(member(memberId, null, MembershipStatus.ACTIVE, VolunteerState.REGISTERED));
        }
        publishMembers(communityId, members);
    }

    /** An active resident in a household (which {@link #household} publishes), a registered volunteer. */
    public void registerInHousehold(String communityId, String memberId, String householdId) {
        publishMember(communityId, member(memberId, householdId, MembershipStatus.ACTIVE, VolunteerState.REGISTERED));
    }

    /** The resident moved out: the copy keeps them, MOVED_OUT. */
    public void moveOut(String communityId, String memberId) {
        publishMember(communityId, member(memberId, null, MembershipStatus.MOVED_OUT, VolunteerState.NONE));
    }

    /** An active resident with the given volunteer state (NONE: may redeem, may not serve shifts). */
    public void registerWithVolunteerState(String communityId, String memberId, VolunteerState state) {
        publishMember(communityId, member(memberId, null, MembershipStatus.ACTIVE, state));
    }

    public static MemberChanged member(String memberId, String householdId, MembershipStatus status,
            VolunteerState volunteerState) {
        return new MemberChanged(memberId, "居民 " + memberId, householdId, status, false, volunteerState,
                nextVersion(), "staff-registry", Instant.now());
    }

    /** Publishes one member's state and waits until the copy holds that version (or a newer one). */
    public void publishMember(String communityId, MemberChanged member) {
        publishMembers(communityId, List.of(member));
    }

    private void publishMembers(String communityId, List<MemberChanged> members) {
        for (MemberChanged member : members) {
            kafka.publish(EventEnvelope.wrap(UUID.randomUUID(), communityId, Instant.now(), member));
        }
        for (MemberChanged member : members) {
            awaitVersion("member_copy", "member_id", member.memberId(), member.version());
        }
    }

    /** A household with the given categories (e.g. DIBAO from a day, open-ended); returns once the copy has it. */
    public void household(String communityId, String householdId, HouseholdChanged.Category... categories) {
        publishHousehold(communityId, new HouseholdChanged(householdId, "户 " + householdId, Arrays.asList(categories),
                HouseholdChanged.HouseholdStatus.ACTIVE, nextVersion(), "staff-registry", Instant.now()));
    }

    public static HouseholdChanged.Category category(String code, LocalDate validFrom, LocalDate validUntil) {
        return new HouseholdChanged.Category(code, validFrom, validUntil);
    }

    public void publishHousehold(String communityId, HouseholdChanged household) {
        kafka.publish(EventEnvelope.wrap(UUID.randomUUID(), communityId, Instant.now(), household));
        awaitVersion("household_copy", "household_id", household.householdId(), household.version());
    }

    /** A standing grant: {@code proxyId} may act for {@code memberId} within the scopes until {@code validUntil}. */
    public UUID grant(String communityId, String memberId, String proxyId, Instant validUntil,
            ProxyChanged.Scope... scopes) {
        UUID grantId = UUID.randomUUID();
        publishProxy(communityId, proxy(grantId, memberId, proxyId, validUntil, null, scopes));
        return grantId;
    }

    /** The grant revoked now (a newer version of the same grant). */
    public void revoke(String communityId, UUID grantId, String memberId, String proxyId, ProxyChanged.Scope... scopes) {
        publishProxy(communityId, proxy(grantId, memberId, proxyId, Instant.now().plus(Duration.ofDays(30)),
                Instant.now(), scopes));
    }

    public static ProxyChanged proxy(UUID grantId, String memberId, String proxyId, Instant validUntil,
            Instant revokedAt, ProxyChanged.Scope... scopes) {
        EnumSet<ProxyChanged.Scope> set = EnumSet.noneOf(ProxyChanged.Scope.class);
        set.addAll(Arrays.asList(scopes));
        return new ProxyChanged(grantId, memberId, proxyId, "代办人 " + proxyId, ProxyChanged.Relation.FAMILY, set,
                validUntil, revokedAt, memberId, nextVersion(), Instant.now());
    }

    public void publishProxy(String communityId, ProxyChanged proxy) {
        kafka.publish(EventEnvelope.wrap(UUID.randomUUID(), communityId, Instant.now(), proxy));
        awaitVersion("proxy_grant_copy", "grant_id::text", proxy.grantId().toString(), proxy.version());
    }

    /** The version the service's copy holds for the aggregate; 0 when it has none. */
    public static long copiedVersion(String table, String idColumn, String id) {
        try (Connection connection = TestDatabase.asRuntimeRole();
                PreparedStatement select = connection.prepareStatement(
                        "select version from " + table + " where " + idColumn + " = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + table, e);
        }
    }

    private static void awaitVersion(String table, String idColumn, String id, long version) {
        await("the service's " + table + " holding " + id + " at version " + version).atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> copiedVersion(table, idColumn, id) >= version);
    }

    @Override
    public void close() {
        kafka.close();
    }
}
