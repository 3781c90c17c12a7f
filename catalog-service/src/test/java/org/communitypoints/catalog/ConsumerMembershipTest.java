package org.communitypoints.catalog;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The holds consumer joins its group as a static member named for the instance, so a restart resumes at once. */
@QuarkusTest
class ConsumerMembershipTest {

    @Test
    void theHoldsConsumerIsAStaticMemberNamedForTheInstance() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<MemberDescription> members = admin.describeConsumerGroups(List.of("catalog-service"))
                        .all().get().get("catalog-service").members().stream().toList();
                assertThat(members.stream().map(m -> m.groupInstanceId().orElse("dynamic")).toList(),
                        hasItem("catalog-service-0"));
            });
        }
    }
}
