package org.communitypoints.points;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.communitypoints.testsupport.KafkaResource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** How the consumers join their groups and how the process stops: the settings a restart depends on. */
@QuarkusTest
class ConsumerMembershipTest {

    @Test
    void eachConsumerIsAStaticMemberOfItsGroupNamedForTheInstance() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers()))) {
            for (String channel : List.of("shifts", "redemptions")) {
                String group = "points-service-" + channel;
                await().atMost(Duration.ofSeconds(30)).until(() -> !members(admin, group).isEmpty());
                assertEquals(List.of(Optional.of("points-service-0-" + channel)),
                        members(admin, group).stream().map(MemberDescription::groupInstanceId).toList());
            }
        }
    }

    @Test
    void consumersWaitOutAnOutageAndStopWithinTenSeconds() {
        Config config = ConfigProvider.getConfig();
        for (String channel : List.of("shifts", "redemptions")) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            // a record held back by an outage must not end the consumer after 60 s
            assertEquals(0, config.getValue(prefix + "throttled.unprocessed-record-max-age.ms", Integer.class));
            assertEquals("fail", config.getValue(prefix + "failure-strategy", String.class));
            assertEquals(30_000, config.getValue(prefix + "session.timeout.ms", Integer.class));
        }
        Duration shutdown = config.getValue("quarkus.shutdown.timeout", Duration.class);
        Duration retryPause = config.getValue("platform.inbound.max-delay", Duration.class);
        Duration producerClose = Duration.ofMillis(config.getValue("mp.messaging.outgoing.outbox.close-timeout", Long.class));
        assertEquals(true, shutdown.plus(retryPause).compareTo(Duration.ofSeconds(10)) <= 0,
                "HTTP drain " + shutdown + " and the last retry pause " + retryPause + " fit in 10 s");
        assertEquals(true, producerClose.compareTo(Duration.ofSeconds(5)) <= 0, "producer close " + producerClose);
    }

    private static List<MemberDescription> members(Admin admin, String group)
            throws InterruptedException, ExecutionException {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                .get();
        return List.copyOf(description.members());
    }
}
