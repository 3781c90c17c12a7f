package org.communitypoints.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.communitypoints.gateway.openapi.PublicApiDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OpenApiTest {

    @Inject
    PublicApiDocument document;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void reset() {
        StandInServices.resetAll();
        document.invalidate();
        serve("activity",
                """
                        {"openapi":"3.1.0","info":{"title":"activity","version":"1"},
                         "paths":{"/api/activity/activities":{"get":{"tags":["Activities"],"responses":{"200":{"description":"OK",
                           "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Page"}}}}}}},
                          "/q/health":{"get":{"responses":{"200":{"description":"OK"}}}}},
                         "components":{"schemas":{"Page":{"type":"object","required":["items"],"properties":{"items":{"type":"array"}}}}},
                         "tags":[{"name":"Activities"}]}""");
        serve("points",
                """
                        {"openapi":"3.1.0","info":{"title":"points","version":"1"},
                         "paths":{"/api/points/me/balance":{"get":{"responses":{"200":{"description":"OK",
                           "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Page"}}}}}}}},
                         "components":{"schemas":{"Page":{"type":"object","required":["lines"],"properties":{"lines":{"type":"array"}}}}}}""");
        serve("catalog", """
                {"openapi":"3.1.0","info":{"title":"catalog","version":"1"},
                 "paths":{"/api/catalog/redemptions":{"post":{"requestBody":{"content":{"application/json":{}}},
                   "responses":{"201":{"description":"Created"}}}}}}""");
        serve("community", """
                {"openapi":"3.1.0","info":{"title":"community","version":"1"},
                 "paths":{"/api/community/me":{"get":{"responses":{"200":{"description":"OK"}}}}}}""");
    }

    @Test
    void mergesTheGatewayAndEveryServiceIntoOneDocument() {
        given().when().get("/openapi")
                .then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("paths.'/api/home'.get", notNullValue())
                .body("paths.'/api/activity/activities'.get", notNullValue())
                .body("paths.'/api/points/me/balance'.get", notNullValue())
                .body("paths.'/api/catalog/redemptions'.post", notNullValue())
                .body("paths.'/api/community/me'.get", notNullValue())
                .body("paths.'/q/health'", nullValue())
                .body("tags.name", hasItem("Activities"))
                .body("x-unavailable-services.size()", is(0));
    }

    @Test
    void keepsCollidingSchemaNamesApart() {
        given().when().get("/openapi")
                .then().statusCode(200)
                .body("components.schemas.Page.properties.items", notNullValue())
                .body("components.schemas.PointsPage.properties.lines", notNullValue())
                .body("paths.'/api/points/me/balance'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        is("#/components/schemas/PointsPage"));
    }

    @Test
    void documentsTheAnswersTheGatewayGivesItself() {
        given().when().get("/openapi")
                .then().statusCode(200)
                .body("paths.'/api/catalog/redemptions'.post.responses.'401'.content.'application/problem+json'.schema.'$ref'",
                        is("#/components/schemas/Problem"))
                .body("paths.'/api/catalog/redemptions'.post.responses.'413'", notNullValue())
                .body("paths.'/api/catalog/redemptions'.post.responses.'429'", notNullValue())
                .body("paths.'/api/catalog/redemptions'.post.responses.'503'", notNullValue())
                .body("paths.'/api/home'.get.responses.'403'.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/home'.get.responses.'503'", nullValue())
                .body("components.schemas.Problem.properties.code", notNullValue())
                .body("components.schemas.Home.properties.balance", notNullValue());
    }

    @Test
    void theMergedDocumentIsValidOpenApi31() {
        String merged = given().when().get("/openapi").then().statusCode(200).extract().asString();

        assertEquals(List.of(), OpenApiChecks.problemsAsOpenApi31(merged));
    }

    @Test
    void keepsWhatEachServiceMarksRequired() {
        given().when().get("/openapi")
                .then().statusCode(200)
                .body("components.schemas.Page.required", contains("items"))
                .body("components.schemas.PointsPage.required", contains("lines"));
    }

    @Test
    void everyObjectAnAnswerCarriesListsWhatItAlwaysHas() throws Exception {
        JsonNode merged = json.readTree(given().when().get("/openapi").then().statusCode(200).extract().asString());

        assertEquals(List.of(), OpenApiChecks.responseObjectsWithoutRequired(merged));
    }

    @Test
    void theGatewaysOwnAnswersFollowTheRequiredRule() {
        // Built into the gateway's own document by platform-web's filter, found in the platform-web jar.
        given().when().get("/openapi")
                .then().statusCode(200)
                .body("components.schemas.Home.required",
                        containsInAnyOrder("balance", "passbook", "upcomingActivities", "activeVouchers"))
                .body("components.schemas.HomePassbook.required", contains("lines"))
                .body("components.schemas.Problem.required", hasItems("type", "title", "status", "code"));
    }

    @Test
    void saysWhichServiceIsMissingWhenOneIsDown() {
        StandInServices.service("catalog").stop();

        given().when().get("/openapi")
                .then().statusCode(200)
                .body("x-unavailable-services", hasItem("catalog"))
                .body("info.description", containsString("catalog"))
                .body("paths.'/api/points/me/balance'.get", notNullValue())
                .body("paths.'/api/catalog/redemptions'", nullValue());
    }

    @Test
    void swaggerUiIsServed() {
        given().when().get("/q/swagger-ui/")
                .then().statusCode(200)
                .body(containsString("swagger"));
    }

    private static void serve(String service, String document) {
        StandInServices.service(service).stubFor(get(urlPathEqualTo("/q/openapi"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(document)));
    }
}
