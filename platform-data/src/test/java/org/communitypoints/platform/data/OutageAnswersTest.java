package org.communitypoints.platform.data;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.communitypoints.testsupport.TestDatabase;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A request that fails because the database went away is answered 503 with Retry-After and a text that says
 * retrying is safe; a bug stays a 500 with an error id. Same line as the consumers' retry-or-dead-letter decision.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class OutageAnswersTest {

    /** More than the pool's idle connections ever are in these tests, fewer than its maximum (32). */
    private static final int POOLED = 8;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReadWhoseDatabaseConnectionIsLostIsAnswered503WithRetryAfterInChinese() {
        given().when().get("/outage-probe/connection-lost")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("code", is("SERVICE_UNAVAILABLE"))
                .body("title", is("服务暂不可用"))
                .body("detail", containsString("重试是安全的"))
                .body("detail", not(containsString("错误编号")));
    }

    @Test
    void theOutageTextIsInEnglishWhenTheCallerPrefersIt() {
        given().header("Accept-Language", "en").when().get("/outage-probe/connection-lost")
                .then().statusCode(503)
                .body("title", is("Service Unavailable"))
                .body("detail", containsString("retrying is safe"));
    }

    @Test
    void aBugIsStillA500WithAnErrorIdAndNoRetryAfter() {
        given().when().get("/outage-probe/bug")
                .then().statusCode(500)
                .header("Retry-After", nullValue())
                .body("code", is("INTERNAL_ERROR"))
                .body("detail", containsString("错误编号"));
    }

    /**
     * PostgreSQL restarted while the pool's connections sat idle: every one of them is dead. The pool checks a
     * connection idle for longer than a second before handing it out (foreground validation), so the first requests
     * after the restart are served on fresh connections instead of each failing once with 503.
     */
    @Test
    void afterARestartEndedEveryPooledSessionTheNextRequestsAreServed() throws Exception {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < POOLED; i++) {
                held.add(dataSource.getConnection());
            }
        } finally {
            for (Connection connection : held) {
                connection.close(); // back to the pool, open
            }
        }
        try (Connection superuser = TestDatabase.asSuperuser()) {
            int ended = endEveryOtherSession(superuser);
            assertTrue(ended >= POOLED, "sessions ended: " + ended);
        }
        // Idle time is what the pool checks, not a state to wait for: the connections sit idle past the validation
        // interval, as they do while PostgreSQL restarts.
        Thread.sleep(ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.foreground-validation-interval", java.time.Duration.class)
                .plusMillis(500).toMillis());

        for (int i = 0; i < POOLED * 2; i++) {
            given().when().get("/outage-probe/read").then().statusCode(200);
        }
    }

    /** What a restart does to every client: ends its session. Returns how many were ended. */
    private static int endEveryOtherSession(Connection superuser) throws SQLException {
        try (Statement statement = superuser.createStatement();
                ResultSet rs = statement.executeQuery("""
                        select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity
                        where datname = current_database() and backend_type = 'client backend'
                          and pid <> pg_backend_pid()""")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
