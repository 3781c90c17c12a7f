package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.communitypoints.platform.web.ProblemCatalog;
import org.communitypoints.platform.web.ProblemMessages;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * The answers the gateway writes itself speak the caller's language as the services' do: Chinese unless
 * Accept-Language prefers English, same codes either way.
 */
@QuarkusTest
class ProblemLanguageTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    private final String staff = Tokens.staff("staff-language", "wutong");

    @BeforeEach
    void reset() {
        StandInServices.resetAll();
        breakers.resetAll();
    }

    @Test
    void everyGatewayProblemCodeHasChineseAndEnglishText() {
        assertEquals(List.of(), ProblemCatalog.defects(ProblemMessages.SERVICE_CATALOG));
    }

    @Test
    void noTokenIsAnsweredInChineseByDefault() {
        given().when().get("/api/points/me/balance")
                .then().statusCode(401).contentType("application/problem+json")
                .header("Content-Language", "zh-CN")
                .body("code", is("UNAUTHENTICATED"))
                .body("title", is("未登录"))
                .body("detail", is("请重新登录：请求没有携带有效的访问令牌。"));
    }

    @Test
    void noTokenIsAnsweredInEnglishWhenTheCallerPrefersIt() {
        given().header("Accept-Language", "en").when().get("/api/points/me/balance")
                .then().statusCode(401).contentType("application/problem+json")
                .header("Content-Language", "en")
                .body("code", is("UNAUTHENTICATED"))
                .body("title", is("Unauthorized"))
                .body("detail", is("Please sign in again: the request carried no valid access token."));
    }

    @Test
    void aRoleRefusedAtTheDoorIsAnsweredInChineseByDefault() {
        given().auth().oauth2(Tokens.partner("p-language", "wutong", "wutong-canteen"))
                .when().get("/api/points/me/balance")
                .then().statusCode(403).contentType("application/problem+json")
                .body("code", is("FORBIDDEN"))
                .body("title", is("无权操作"))
                .body("detail", is("您无权进行此操作。"));
    }

    @Test
    void aRoleRefusedAtTheDoorIsAnsweredInEnglishWhenTheCallerPrefersIt() {
        given().auth().oauth2(Tokens.partner("p-language", "wutong", "wutong-canteen"))
                .header("Accept-Language", "en-GB,en;q=0.9,zh;q=0.5")
                .when().get("/api/points/me/balance")
                .then().statusCode(403).contentType("application/problem+json")
                .body("code", is("FORBIDDEN"))
                .body("title", is("Forbidden"))
                .body("detail", is("You are not allowed to do this."));
    }

    @Test
    void aStoppedServiceIsAnsweredInChineseByDefault() {
        StandInServices.service("activity").stop();

        given().auth().oauth2(staff).when().get("/api/activity/activities")
                .then().statusCode(503).contentType("application/problem+json")
                .body("code", is("SERVICE_UNAVAILABLE"))
                .body("title", is("服务暂不可用"))
                .body("detail", is("activity 服务暂时不可用，请过几分钟再试。"));
    }

    @Test
    void aStoppedServiceIsAnsweredInEnglishWhenTheCallerPrefersIt() {
        StandInServices.service("activity").stop();

        given().auth().oauth2(staff).header("Accept-Language", "en").when().get("/api/activity/activities")
                .then().statusCode(503).contentType("application/problem+json")
                .body("code", is("SERVICE_UNAVAILABLE"))
                .body("title", is("Service Unavailable"))
                .body("detail", is("The activity service is not available at the moment. Please try again in a few minutes."));
    }

    @Test
    void aSlowServiceIsAnsweredInChineseByDefault() {
        slowRewards();

        given().auth().oauth2(staff).when().get("/api/catalog/rewards")
                .then().statusCode(504).contentType("application/problem+json")
                .body("code", is("GATEWAY_TIMEOUT"))
                .body("title", is("网关超时"))
                .body("detail", is("catalog 服务响应超时，请稍后再试。"));
    }

    @Test
    void aSlowServiceIsAnsweredInEnglishWhenTheCallerPrefersIt() {
        slowRewards();

        given().auth().oauth2(staff).header("Accept-Language", "en").when().get("/api/catalog/rewards")
                .then().statusCode(504).contentType("application/problem+json")
                .body("code", is("GATEWAY_TIMEOUT"))
                .body("title", is("Gateway Timeout"))
                .body("detail", is("The catalog service took too long to answer. Please try again in a moment."));
    }

    @Test
    void aPathWithDotSegmentsIsRefusedInChineseByDefault() {
        given().auth().oauth2(staff).urlEncodingEnabled(false).when().get("/api/catalog/%2e%2e/catalog/rewards")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", is("BAD_PATH"))
                .body("detail", is("地址中含有 /../ 或 // 等不被接受的部分。"));
    }

    private static void slowRewards() {
        StandInServices.service("catalog").stubFor(get(urlEqualTo("/api/catalog/rewards"))
                .willReturn(aResponse().withStatus(200).withBody("[]").withFixedDelay(6000)));
    }
}
