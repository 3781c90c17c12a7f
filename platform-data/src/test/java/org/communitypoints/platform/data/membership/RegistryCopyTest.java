package org.communitypoints.platform.data.membership;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.HouseholdChanged;
import org.communitypoints.contracts.events.MemberChanged;
import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;
import org.communitypoints.contracts.events.MemberChanged.VolunteerState;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.KafkaTestClient;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.communitypoints.testsupport.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The copy of the registry, fed through the real broker, and the checks made against it. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class RegistryCopyTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final KafkaTestClient KAFKA = KafkaTestClient.forTests();
    private static final Registry REGISTRY = Registry.forTests();

    @Inject
    Membership membership;
    @Inject
    EntityManager entityManager;

    @AfterAll
    static void close() {
        KAFKA.close();
        REGISTRY.close();
    }

    @Test
    void anOlderVersionArrivingLateChangesNothing() {
        String id = "resident-" + UUID.randomUUID();
        REGISTRY.publishMember("wutong", version(id, 5, MembershipStatus.ACTIVE, "李*梅"));

        EventEnvelope older = wrap(version(id, 3, MembershipStatus.MOVED_OUT, "old name"));
        KAFKA.publish(older);
        awaitProcessed(older.eventId());

        Member member = membership.find("wutong", id).orElseThrow();
        assertEquals(5, member.version());
        assertEquals(MembershipStatus.ACTIVE, member.status());
        assertEquals("李*梅", member.displayName());
    }

    @Test
    void aNewerVersionReplacesTheCopy() {
        String id = "resident-" + UUID.randomUUID();
        REGISTRY.publishMember("wutong", version(id, 1, MembershipStatus.ACTIVE, "王*"));

        REGISTRY.publishMember("wutong", version(id, 2, MembershipStatus.MOVED_OUT, "王*"));

        assertEquals(MembershipStatus.MOVED_OUT, membership.find("wutong", id).orElseThrow().status());
    }

    @Test
    void aRedeliveredEventIsSkippedWithoutADeadLetter() {
        String id = "resident-" + UUID.randomUUID();
        EventEnvelope first = wrap(version(id, 7, MembershipStatus.ACTIVE, "赵*"));
        KAFKA.publish(first);
        KAFKA.publish(first);
        // a later event of the same member (same key, same partition) is applied only after both copies
        REGISTRY.publishMember("wutong", version(id, 8, MembershipStatus.ACTIVE, "赵*国"));

        assertEquals("赵*国", membership.find("wutong", id).orElseThrow().displayName());
        assertEquals(0L, count("select count(*) from dead_letter where record_key = ?1", id));
        assertEquals(1L, count("select count(*) from processed_event where event_id = ?1", first.eventId()));
    }

    @Test
    void aRecordThatIsNotAnEventIsDeadLetteredAndTheRegistryMovesOn() {
        String id = "resident-" + UUID.randomUUID();
        KAFKA.publishRaw(Topics.REGISTRY, id, "{ not an envelope");
        REGISTRY.register("wutong", id);

        assertTrue(membership.find("wutong", id).isPresent());
        await().atMost(WAIT).until(() -> count("select count(*) from dead_letter where record_key = ?1", id) == 1L);
    }

    @Test
    void anUnknownIdIsNotARegisteredMember() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> membership.requireActive("wutong", "nobody-" + UUID.randomUUID()));

        assertEquals("MEMBER_NOT_REGISTERED", refused.code());
        assertEquals(422, refused.status());
    }

    @Test
    void anotherCommunitysResidentIsAnsweredLikeAnUnknownId() {
        String id = "resident-" + UUID.randomUUID();
        REGISTRY.register("ximalu", id);

        ProblemException refused = assertThrows(ProblemException.class, () -> membership.requireActive("wutong", id));

        assertEquals("MEMBER_NOT_REGISTERED", refused.code());
    }

    @Test
    void aResidentWhoMovedOutIsRefused() {
        String id = "resident-" + UUID.randomUUID();
        REGISTRY.register("wutong", id);
        REGISTRY.moveOut("wutong", id);

        ProblemException refused = assertThrows(ProblemException.class, () -> membership.requireActive("wutong", id));

        assertEquals("MEMBER_MOVED_OUT", refused.code());
    }

    @Test
    void theResidentAndTheirHouseholdsCategoriesOnTheDayAreReadTogether() {
        String household = "household-" + UUID.randomUUID();
        String id = "resident-" + UUID.randomUUID();
        REGISTRY.household("wutong", household,
                Registry.category("DIBAO", LocalDate.parse("2026-01-01"), null),
                Registry.category("DISABILITY", LocalDate.parse("2026-03-01"), null));
        REGISTRY.registerInHousehold("wutong", id, household);

        ResidentOnDay resident = QuarkusTransaction.requiringNew()
                .call(() -> membership.requireActiveSelfOn("wutong", id, LocalDate.parse("2026-06-30")));

        assertEquals(id, resident.member().memberId());
        assertEquals(household, resident.member().householdId());
        assertEquals(Set.of("DIBAO", "DISABILITY"),
                resident.categories().stream().map(Enum::name).collect(Collectors.toSet()));
        assertEquals(Set.of(), QuarkusTransaction.requiringNew()
                .call(() -> membership.requireActiveOn("wutong", id, LocalDate.parse("2025-12-31")).categories()));
    }

    @Test
    void aResidentWithoutAHouseholdIsActiveWithNoCategories() {
        String id = "resident-" + UUID.randomUUID();
        REGISTRY.register("wutong", id);

        ResidentOnDay resident = membership.requireActiveOn("wutong", id, LocalDate.parse("2026-06-30"));

        assertEquals(id, resident.member().memberId());
        assertEquals(Set.of(), resident.categories());
    }

    @Test
    void aResidentWhoMovedOutIsRefusedWhenReadWithTheirCategories() {
        String household = "household-" + UUID.randomUUID();
        String id = "resident-" + UUID.randomUUID();
        REGISTRY.household("wutong", household, Registry.category("DIBAO", LocalDate.parse("2026-01-01"), null));
        REGISTRY.registerInHousehold("wutong", id, household);
        REGISTRY.moveOut("wutong", id);
        LocalDate day = LocalDate.parse("2026-06-30");

        ProblemException self = assertThrows(ProblemException.class,
                () -> membership.requireActiveSelfOn("wutong", id, day));
        ProblemException forProxy = assertThrows(ProblemException.class,
                () -> membership.requireActiveOn("wutong", id, day));
        ProblemException elsewhere = assertThrows(ProblemException.class,
                () -> membership.requireActiveSelfOn("ximalu", id, day));

        assertEquals("MEMBER_MOVED_OUT", self.code());
        assertEquals(403, self.status());
        assertEquals("MEMBER_MOVED_OUT", forProxy.code());
        assertEquals(422, forProxy.status());
        assertEquals("MEMBER_NOT_REGISTERED", elsewhere.code());
    }

    @Test
    void aResidentWhoIsNotARegisteredVolunteerServesNoShifts() {
        String id = "resident-" + UUID.randomUUID();
        REGISTRY.registerWithVolunteerState("wutong", id, VolunteerState.SUSPENDED);

        ProblemException refused = assertThrows(ProblemException.class,
                () -> membership.requireVolunteer("wutong", id));

        assertEquals("VOLUNTEER_NOT_REGISTERED", refused.code());
    }

    @Test
    void theHouseholdsCategoriesAreThoseValidOnTheDay() {
        String household = "household-" + UUID.randomUUID();
        String id = "resident-" + UUID.randomUUID();
        REGISTRY.household("wutong", household,
                Registry.category("DIBAO", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-06-30")),
                Registry.category("DISABILITY", LocalDate.parse("2026-03-01"), null));
        REGISTRY.registerInHousehold("wutong", id, household);

        assertEquals(Set.of("DIBAO"), categories(id, "2026-02-01"));
        assertEquals(Set.of("DIBAO", "DISABILITY"), categories(id, "2026-06-30"));
        assertEquals(Set.of("DISABILITY"), categories(id, "2026-07-01"));
    }

    @Test
    void aNewerHouseholdReplacesItsCategoriesWhole() {
        String household = "household-" + UUID.randomUUID();
        String id = "resident-" + UUID.randomUUID();
        REGISTRY.household("wutong", household, Registry.category("DIBAO", LocalDate.parse("2026-01-01"), null));
        REGISTRY.registerInHousehold("wutong", id, household);

        REGISTRY.household("wutong", household,
                Registry.category("LEFT_BEHIND_CHILD", LocalDate.parse("2026-01-01"), null));

        assertEquals(Set.of("LEFT_BEHIND_CHILD"), categories(id, "2026-02-01"));
    }

    @Test
    void aClosedHouseholdPricesNothing() {
        String household = "household-" + UUID.randomUUID();
        String id = "resident-" + UUID.randomUUID();
        REGISTRY.household("wutong", household, Registry.category("DIBAO", LocalDate.parse("2026-01-01"), null));
        REGISTRY.registerInHousehold("wutong", id, household);

        REGISTRY.publishHousehold("wutong", new HouseholdChanged(household, "户", List.of(
                Registry.category("DIBAO", LocalDate.parse("2026-01-01"), null)),
                HouseholdChanged.HouseholdStatus.CLOSED, Registry.nextVersion(), "staff", Instant.now()));

        assertEquals(Set.of(), categories(id, "2026-02-01"));
    }

    @Test
    void aCategoryTheCopyDoesNotKnowYetIsSkippedAndTheHouseholdsKnownCategoriesStay() {
        String household = "household-" + UUID.randomUUID();
        String id = "resident-" + UUID.randomUUID();
        REGISTRY.household("wutong", household, Registry.category("DISABILITY", LocalDate.parse("2026-01-01"), null));
        REGISTRY.registerInHousehold("wutong", id, household);
        EventEnvelope newer = EventEnvelope.wrap(UUID.randomUUID(), "wutong", Instant.now(),
                new HouseholdChanged(household, "户", List.of(
                        Registry.category("DIBAO", LocalDate.parse("2026-01-01"), null),
                        Registry.category("DISABILITY", LocalDate.parse("2026-01-01"), null)),
                        HouseholdChanged.HouseholdStatus.ACTIVE, Registry.nextVersion(), "staff", Instant.now()));
        // a producer newer than this copy: the first category's code is one no version here knows
        String json = EventCodec.encode(newer).replaceFirst("\"code\":\"DIBAO\"", "\"code\":\"SINGLE_PARENT\"");
        assertTrue(json.contains("SINGLE_PARENT"));

        KAFKA.publishRaw(Topics.REGISTRY, household, json);
        awaitProcessed(newer.eventId());

        assertEquals(Set.of("DISABILITY"), categories(id, "2026-02-01"));
        assertEquals(0L, count("select count(*) from dead_letter where record_key = ?1", household));
        assertEquals(1L, count("select count(*) from household_category_copy where household_id = ?1", household));
    }

    private Set<String> categories(String memberId, String day) {
        return membership.householdCategories("wutong", memberId, LocalDate.parse(day)).stream().map(Enum::name)
                .collect(Collectors.toSet());
    }

    private static MemberChanged version(String id, long version, MembershipStatus status, String name) {
        return new MemberChanged(id, name, null, status, true, VolunteerState.REGISTERED, version, "staff-chen",
                Instant.now());
    }

    private static EventEnvelope wrap(MemberChanged member) {
        return EventEnvelope.wrap(UUID.randomUUID(), "wutong", Instant.now(), member);
    }

    private void awaitProcessed(UUID eventId) {
        await().atMost(WAIT)
                .until(() -> count("select count(*) from processed_event where event_id = ?1", eventId) == 1L);
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }
}
