package org.communitypoints.platform.data;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

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
}
