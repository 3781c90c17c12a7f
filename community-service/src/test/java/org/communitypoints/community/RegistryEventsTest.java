package org.communitypoints.community;

import static io.restassured.RestAssured.given;
import static org.communitypoints.community.Registry.WUTONG;
import static org.communitypoints.community.Registry.grantBody;
import static org.communitypoints.community.Registry.household;
import static org.communitypoints.community.Registry.inDays;
import static org.communitypoints.community.Registry.newMemberId;
import static org.communitypoints.community.Registry.register;
import static org.communitypoints.community.Registry.resident;
import static org.communitypoints.community.Registry.staff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.Topics;
import org.communitypoints.contracts.events.HouseholdCategory;
import org.communitypoints.contracts.events.HouseholdChanged;
import org.communitypoints.contracts.events.MemberChanged;
import org.communitypoints.contracts.events.MemberChanged.MembershipStatus;
import org.communitypoints.contracts.events.ProxyChanged;
import org.communitypoints.testsupport.KafkaTestClient;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Every change publishes the aggregate's whole state on community.registry, its version one higher each time. */
@QuarkusTest
class RegistryEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void everyChangeOfAResidentPublishesTheirWholeStateWithTheNextVersion() {
        String householdId = household(WUTONG);
        String member = newMemberId();
        register(WUTONG, member, householdId).statusCode(201);
        given().auth().oauth2(staff(WUTONG)).contentType("application/json")
                .body(Map.of("displayName", "李梅", "householdId", householdId, "volunteerState", "SUSPENDED"))
                .when().put("/api/community/residents/" + member).then().statusCode(200);
        given().auth().oauth2(staff(WUTONG)).contentType("application/json").body(Map.of("reason", "搬到外地")).when()
                .post("/api/community/residents/" + member + "/move-out")
                .then().statusCode(200);

        List<MemberChanged> events;
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            events = kafka.awaitEvents(Topics.REGISTRY, e -> e.type().equals("MemberChanged") && e.key().equals(member),
                    3, WAIT).stream().map(e -> EventCodec.payload(e, MemberChanged.class))
                    .sorted(Comparator.comparingLong(MemberChanged::version)).toList();
        }
        assertEquals(List.of(1L, 2L, 3L), events.stream().map(MemberChanged::version).toList());
        assertEquals(MemberChanged.VolunteerState.SUSPENDED, events.get(1).volunteerState());
        assertEquals(MembershipStatus.MOVED_OUT, events.get(2).status());
        assertEquals(householdId, events.get(2).householdId());
        assertEquals("staff-wutong", events.get(2).changedBy());
    }

    @Test
    void aTaggedHouseholdPublishesItsCategoriesWithoutTheEvidence() {
        String householdId = household(WUTONG);
        LocalDate from = LocalDate.now().withDayOfYear(1);
        given().auth().oauth2(staff(WUTONG)).contentType("application/json")
                .body(Map.of("validFrom", from.toString(), "evidenceNote", "低保证 SECRET-77"))
                .when().put("/api/community/households/" + householdId + "/categories/DIBAO").then().statusCode(200);

        EventEnvelope tagged;
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            tagged = kafka.awaitEvent(Topics.REGISTRY, e -> e.type().equals("HouseholdChanged")
                    && e.key().equals(householdId) && e.payload().path("version").asLong() == 2, WAIT);
        }
        HouseholdChanged household = EventCodec.payload(tagged, HouseholdChanged.class);
        assertEquals(List.of(new HouseholdChanged.Category(HouseholdCategory.DIBAO, from, null)), household.categories());
        assertEquals(WUTONG, tagged.communityId());
        assertFalse(tagged.payload().toString().contains("SECRET-77"));
    }

    @Test
    void aGrantAndItsRevocationArePublishedAsVersionsOneAndTwo() {
        String mother = resident(WUTONG);
        String daughter = resident(WUTONG);
        String grant = given().auth().oauth2(Tokens.resident(mother, WUTONG)).contentType("application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(grantBody(daughter, "FAMILY", inDays(30)))
                .when().post("/api/community/me/proxies").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.resident(mother, WUTONG)).when()
                .post("/api/community/me/proxies/" + grant + "/revoke").then().statusCode(200);

        List<ProxyChanged> events;
        try (KafkaTestClient kafka = KafkaTestClient.forTests()) {
            events = kafka.awaitEvents(Topics.REGISTRY, e -> e.type().equals("ProxyChanged") && e.key().equals(mother),
                    2, WAIT).stream().map(e -> EventCodec.payload(e, ProxyChanged.class))
                    .sorted(Comparator.comparingLong(ProxyChanged::version)).toList();
        }
        assertEquals(List.of(1L, 2L), events.stream().map(ProxyChanged::version).toList());
        assertEquals(null, events.get(0).revokedAt());
        assertFalse(events.get(1).revokedAt() == null);
        assertEquals(daughter, events.get(1).proxyId());
    }
}
