package org.communitypoints.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.communitypoints.testsupport.OidcResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(OidcResource.class)
class InputHygieneTest {

    @Test
    void aNulInAJsonStringIsA400NamingTheField() {
        problem(post("{\"note\":\"a\\u0000b\"}"), "INVALID_CHARACTERS", "note")
                .body("detail", equalTo("字段 note 的第 2 个字符（U+0000）不允许：文本中除制表符和换行外不能有控制字符。"));
    }

    @Test
    void theRefusalIsInEnglishWhenTheClientPrefersEnglish() {
        problem(given().header("Accept-Language", "en").contentType("application/json").body("{\"note\":\"ab\\u001b\"}")
                .when().post("/scalars").then(), "INVALID_CHARACTERS", "note")
                .body("detail", containsString("U+001B at character 3"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\\u0001", "\\u000b", "\\u001f", "\\u007f", "\\ud800", "\\udc00", "x\\ud83d" })
    void everyControlCharacterDelAndBrokenSurrogateIsRefused(String escaped) {
        problem(post("{\"note\":\"" + escaped + "\"}"), "INVALID_CHARACTERS", "note");
    }

    @Test
    void anElementOfAListIsNamedByItsIndex() {
        problem(post("{\"tags\":[\"tea\",\"b\\u0001\"]}"), "INVALID_CHARACTERS", "tags[1]");
    }

    @Test
    void tabsLineBreaksChineseAndCharactersBeyondTheBmpAreKept() {
        post("{\"count\":1,\"note\":\"茶艺\\tclass\\r\\nline two 𠀀 \\ud83c\\udf75\",\"tags\":[\"社区\"]}").log()
                .ifValidationFails().statusCode(200)
                .body("note", equalTo("茶艺\tclass\r\nline two 𠀀 \ud83c\udf75"))
                .body("tags[0]", equalTo("社区"));
    }

    @Test
    void aControlCharacterInAQueryParameterIsA400NamingIt() {
        problem(given().urlEncodingEnabled(false).when().get("/scalars/tea?q=a%00b").then(), "INVALID_CHARACTERS", "q")
                .body("detail", equalTo("参数 q 的第 2 个字符（U+0000）不允许：参数中不能有控制字符。"));
    }

    @Test
    void aLineBreakInAQueryParameterIsRefusedToo() {
        problem(given().urlEncodingEnabled(false).when().get("/scalars/tea?q=a%0Ab").then(), "INVALID_CHARACTERS", "q");
    }

    @Test
    void aControlCharacterInAPathParameterIsA400NamingIt() {
        problem(given().urlEncodingEnabled(false).when().get("/scalars/te%01a").then(), "INVALID_CHARACTERS", "name");
    }

    @Test
    void controlCharactersAndDelInAHeaderAreRefusedByTheHttpServerItself() {
        assertThat(RawHttp.get("127.0.0.1", "/scalars/tea", "X-Note: a\u0001b"), startsWith("HTTP/1.1 400"));
        assertThat(RawHttp.get("127.0.0.1", "/scalars/tea", "X-Note: a\u007fb"), startsWith("HTTP/1.1 400"));
        assertThat(RawHttp.get("127.0.0.1", "/scalars/tea", "X-Note: a\u0000b"), startsWith("HTTP/1.1 400"));
    }

    @Test
    void cleanParametersPass() {
        given().queryParam("q", "茶 艺").header("X-Note", "tab\there").when().get("/scalars/社区").then().statusCode(200)
                .body(equalTo("社区|茶 艺|tab\there"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"count\":2147483648}|count",
            "{\"count\":-2147483649}|count",
            "{\"total\":9223372036854775808}|total",
            "{\"seats\":2147483648}|seats",
            "{\"points\":-9223372036854775809}|points",
    })
    void aNumberTooLargeForItsFieldIsA400NamingTheField(String body, String field) {
        problem(post(body), "NUMBER_OUT_OF_RANGE", field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"count\":1.5}|count",
            "{\"total\":1e3}|total",
            "{\"total\":1e400}|total",
            "{\"count\":\"5\"}|count",
            "{\"seats\":\"\"}|seats",
            "{\"kind\":0}|kind",
            "{\"kind\":\"\"}|kind",
            "{\"upcoming\":1}|upcoming",
            "{\"upcoming\":\"true\"}|upcoming",
            "{\"note\":5}|note",
    })
    void aValueIsTakenOnlyInTheTypeItsFieldDeclares(String body, String field) {
        problem(post(body), "INVALID_FIELD_TYPE", field);
    }

    @Test
    void anAbsentPrimitiveIsStillItsDefault() {
        post("{\"note\":\"tea\"}").statusCode(200).body("count", equalTo(0)).body("total", equalTo(0));
    }

    @Test
    void wellTypedValuesAtTheLimitsOfTheirTypesPass() {
        post("{\"count\":2147483647,\"total\":-9223372036854775808,\"kind\":\"SPEND\",\"upcoming\":false}")
                .statusCode(200).body("count", equalTo(2147483647)).body("kind", equalTo("SPEND"));
    }

    private static ValidatableResponse post(String body) {
        return given().contentType("application/json").body(body).when().post("/scalars").then();
    }

    private static ValidatableResponse problem(ValidatableResponse response, String code, String field) {
        return response.statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo(code))
                .body("errors[0].field", equalTo(field))
                .body("detail", containsString(field));
    }
}
