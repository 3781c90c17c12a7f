package org.communitypoints.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(OidcResource.class)
class LocalizedProblemsTest {

    private static final String RESIDENT = Tokens.resident("resident-li", "wutong");

    @Test
    void problemsAreInChineseByDefaultWithTheArgumentsFilledIn() {
        given().when().get("/echo/seats").then().statusCode(409)
                .body("code", equalTo("SEATS_LEFT"))
                .body("title", equalTo("冲突"))
                .body("detail", equalTo("茶艺 只剩 2 个名额。"));
    }

    @Test
    void problemsAreInEnglishWhenTheClientPrefersEnglish() {
        given().header("Accept-Language", "en-US,en;q=0.9,zh;q=0.5").when().get("/echo/seats").then().statusCode(409)
                .body("code", equalTo("SEATS_LEFT"))
                .body("title", equalTo("Conflict"))
                .body("detail", equalTo("Only 2 seats are left for 茶艺."));
    }

    @Test
    void aClientPreferringChineseOverEnglishGetsChinese() {
        given().header("Accept-Language", "zh-CN,en;q=0.5").when().get("/echo/seats").then()
                .body("detail", equalTo("茶艺 只剩 2 个名额。"));
    }

    @Test
    void aSecondTextUnderOneCodeKeepsTheCode() {
        given().queryParam("left", 0).when().get("/echo/seats").then().statusCode(409)
                .body("code", equalTo("SEATS_LEFT"))
                .body("detail", equalTo("茶艺 已满员。"));
    }

    @Test
    void aCodeMissingFromTheCatalogFallsBackToTheGivenDetail() {
        given().when().get("/echo/refusal").then().statusCode(409)
                .body("code", equalTo("CAPACITY_FULL"))
                .body("detail", equalTo("This activity is full."));
    }

    @Test
    void platformProblemsAreLocalizedToo() {
        given().when().get("/no/such/thing").then().statusCode(404)
                .body("title", equalTo("未找到")).body("detail", equalTo("此地址没有内容。"));
        given().header("Accept-Language", "en").when().get("/no/such/thing").then().statusCode(404)
                .body("title", equalTo("Not Found")).body("detail", equalTo("There is nothing at this address."));
        given().auth().oauth2(RESIDENT).contentType("application/json").body("{\"title\":\"tea\",\"seats\":1,\"price\":0}")
                .when().post("/echo").then().statusCode(400)
                .body("code", equalTo("UNKNOWN_FIELD")).body("detail", equalTo("请求中有本接口不认识的字段：price"));
    }

    @Test
    void validationMessagesFollowAcceptLanguage() {
        String body = "{\"title\":\" \",\"seats\":1}";
        String chinese = given().auth().oauth2(RESIDENT).contentType("application/json").body(body)
                .when().post("/echo").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .extract().path("errors[0].message");
        String english = given().auth().oauth2(RESIDENT).header("Accept-Language", "en").contentType("application/json")
                .body(body).when().post("/echo").then().statusCode(400).extract().path("errors[0].message");

        assertEquals("不能为空", chinese);
        assertEquals("must not be blank", english);
    }

    @Test
    void theCatalogsHaveChineseAndEnglishForEveryCode() {
        assertEquals(List.of(), ProblemCatalog.defects(ProblemMessages.SERVICE_CATALOG));
        assertEquals(List.of(), ProblemCatalog.defects(ProblemMessages.PLATFORM_CATALOG));
    }

    @Test
    void aCodeGivenTwiceInOneFileIsADefect() {
        assertEquals(List.of("TWICE (twice-problems.properties): given twice; the later text hides \"第一次的说明。\""),
                ProblemCatalog.defects("twice-problems"));
    }
}
