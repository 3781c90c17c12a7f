package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.communitypoints.gateway.home.HomeViews;
import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The services' events about a resident, read from a real broker, forget that resident's kept "my home" and no one
 * else's; a view fetched just after such an event is kept only for the change-settle time, since the service the event
 * concerns may not have applied it yet.
 */
@QuarkusTest
@TestProfile(HomeChangesTest.EventsRead.class)
class HomeChangesTest {

    private static final String SUMMARY_PATH = "/api/points/me/summary";

    public static class EventsRead implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Views kept far longer than any wait below: only an event (or the views' clock moved on) can end one. The
            // settle time is long in real time too, so that the requests inside it have room on a loaded machine.
            return Map.of("gateway.home.view-max-age", "10m",
                    "gateway.home.change-settle", "1m",
                    "%test.mp.messaging.incoming.resident-changes.enabled", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaResource.class));
        }
    }

    private static KafkaProducer<String, String> producer;

    @Inject
    HomeViews views;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void connect() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(config);
    }

    @AfterAll
    static void disconnect() {
        producer.close(Duration.ofSeconds(5));
    }

    @BeforeEach
    void reset() {
        // A first home in a new JVM takes a second or two (clients built, code compiled): made here, not inside the
        // settle time a test measures.
        HomeTest.stubAll();
        home(Tokens.resident("wang-fang", "wutong"));
        StandInServices.resetAll();
        views.forgetAll();
        HomeTest.stubAll();
        // The gateway reads from the end of the topics once it has been given their partitions, which happens a
        // moment after it starts: events for no one are sent until one of them arrives.
        double before = changesRead("skipped");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String topic : List.of("activity.shifts", "catalog.redemptions", "points.holds")) {
                producer.send(new ProducerRecord<>(topic, null, "{}")).get();
            }
            return changesRead("skipped") >= before + 3;
        });
    }

    @Test
    void anEventAboutTheResidentEndsTheirView() throws Exception {
        String token = Tokens.resident("li-mei", "wutong");
        home(token).body("balance.data.available", is(100));
        home(token).body("balance.data.available", is(100));
        stubSummary(70);

        // A redemption's hold answered by points-service: the balance on the resident's screen changed.
        sendEventAbout("points.holds", "wutong", "li-mei");

        home(token).body("balance.data.available", is(70));
        StandInServices.service("points").verify(2, getRequestedFor(urlPathEqualTo(SUMMARY_PATH)));
    }

    @Test
    void eventsAboutOthersLeaveTheViewKept() throws Exception {
        String token = Tokens.resident("li-mei", "wutong");
        home(token).body("balance.data.available", is(100));
        stubSummary(70);

        // Another resident of the same community, and the same member id in another community.
        sendEventAbout("activity.shifts", "wutong", "zhang-wei");
        sendEventAbout("catalog.redemptions", "qingshan", "li-mei");

        home(token).body("balance.data.available", is(100));
        StandInServices.service("points").verify(1, getRequestedFor(urlPathEqualTo(SUMMARY_PATH)));
    }

    @Test
    void aViewFetchedJustAfterAnEventIsKeptOnlyTheSettleTime() throws Exception {
        String token = Tokens.resident("li-mei", "wutong");
        sendEventAbout("points.holds", "wutong", "li-mei");

        // Fetched before the service the event concerns has applied it (the stand-in still answers 100): the view is
        // kept, but only until the change-settle time after the event, after which the next screen asks again.
        home(token).body("balance.data.available", is(100));
        stubSummary(70);
        home(token).body("balance.data.available", is(100));
        StandInServices.service("points").verify(1, getRequestedFor(urlPathEqualTo(SUMMARY_PATH)));

        MovedClock.moveOn(Duration.ofMinutes(1));
        home(token).body("balance.data.available", is(70));

        // Fetched after the settle time: kept again for the maximum age.
        home(token).body("balance.data.available", is(70));
        home(token).body("balance.data.available", is(70));
        StandInServices.service("points").verify(2, getRequestedFor(urlPathEqualTo(SUMMARY_PATH)));
    }

    /** Sends an event in the services' envelope and waits until the gateway has read it. */
    private void sendEventAbout(String topic, String communityId, String memberId) throws Exception {
        double before = changesRead("forgotten");
        String envelope = """
                {"eventId":"%s","type":"PointsHeld","schemaVersion":1,"occurredAt":"2026-12-04T08:00:00Z",\
                "communityId":"%s","key":"%s","payload":{"memberId":"%s"}}"""
                .formatted(UUID.randomUUID(), communityId, memberId, memberId);
        producer.send(new ProducerRecord<>(topic, memberId, envelope)).get();
        await().atMost(Duration.ofSeconds(30)).until(() -> changesRead("forgotten") >= before + 1);
    }

    private double changesRead(String outcome) {
        return registry.get("gateway.home.changes").tag("outcome", outcome).counter().count();
    }

    private static io.restassured.response.ValidatableResponse home(String token) {
        return given().auth().oauth2(token).when().get("/api/home").then().statusCode(200);
    }

    private static void stubSummary(long available) {
        String summary = HomeTest.SUMMARY.replace("\"available\":100", "\"available\":" + available);
        StandInServices.service("points").stubFor(get(urlPathEqualTo(SUMMARY_PATH)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(summary)));
    }
}
