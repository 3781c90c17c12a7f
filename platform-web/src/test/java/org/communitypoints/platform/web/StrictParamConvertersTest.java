package org.communitypoints.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.communitypoints.testsupport.OidcResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(OidcResource.class)
class StrictParamConvertersTest {

    @Test
    void wellFormedValuesOfEveryTypeConvert() {
        given().queryParam("limit", "50").queryParam("since", "9000000000").queryParam("upcoming", "true")
                .queryParam("asOf", "2026-11-20T18:00:00+08:00").queryParam("day", "2026-11-20")
                .queryParam("month", "2026-11").queryParam("status", "open").header("X-Request-Count", "3")
                .when().get("/params/boxed")
                .then().statusCode(200)
                .body(equalTo("50|9000000000|true|2026-11-20T10:00:00Z|2026-11-20|2026-11|OPEN|3"));
    }

    @Test
    void absentParametersAreNull() {
        given().when().get("/params/boxed").then().statusCode(200)
                .body(equalTo("null|null|null|null|null|null|null|null"));
    }

    @Test
    void anEmptyValueCountsAsAbsent() {
        given().queryParam("upcoming", "").queryParam("limit", "").when().get("/params/boxed").then().statusCode(200)
                .body(equalTo("null|null|null|null|null|null|null|null"));
    }

    @ParameterizedTest
    @CsvSource({
            "limit, abc, integer",
            "limit, 1.5, integer",
            "limit, 99999999999, integer",
            "since, ten, integer",
            "upcoming, maybe, boolean",
            "upcoming, yes, boolean",
            "asOf, yesterday, 2026-11-20T10:00:00Z",
            "asOf, 2026-11-20, 2026-11-20T10:00:00Z",
            "day, 20.11.2026, 2026-11-20",
            "month, 2026-13, 2026-11",
            "status, CLOSED, 'OPEN, FULL'",
    })
    void anUnparsableQueryParameterIsA400NamingItAndTheExpectedForm(String name, String value, String expected) {
        invalid(given().header("Accept-Language", "en").queryParam(name, value).when().get("/params/boxed").then(), name)
                .body("detail", containsString(expected));
    }

    @Test
    void anUnparsableHeaderIsA400NamingTheHeader() {
        invalid(given().header("X-Request-Count", "many").when().get("/params/boxed").then(), "X-Request-Count");
    }

    @Test
    void anUnparsablePathIdIsA400NotA404() {
        invalid(given().header("Accept-Language", "en").when().get("/params/members/not-a-uuid").then(), "memberId")
                .body("detail", containsString("uuid"));
        given().when().get("/params/members/3f2a8c1e-5b7d-4e0a-9c6f-1d2e3f4a5b6c").then().statusCode(200);
    }

    @Test
    void primitiveParametersAreCheckedTheSameWay() {
        given().when().get("/params/primitive").then().statusCode(200).body(equalTo("100|false"));
        for (List<String> bad : List.of(List.of("limit", "abc"), List.of("upcoming", "maybe"))) {
            invalid(given().queryParam(bad.get(0), bad.get(1)).when().get("/params/primitive").then(), bad.get(0));
        }
    }

    private static ValidatableResponse invalid(ValidatableResponse response, String parameter) {
        return response.statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("INVALID_PARAMETER"))
                .body("detail", containsString(parameter))
                .body("errors[0].field", equalTo(parameter));
    }
}
