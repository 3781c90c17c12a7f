package org.communitypoints.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.communitypoints.testsupport.OidcResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(OidcResource.class)
class ForwardedLinksTest {

    @Test
    void linksBuiltBehindTheGatewayNameTheGatewayNotTheService() {
        given().header("X-Forwarded-Host", "points.example.org:8443").header("X-Forwarded-Proto", "https")
                .contentType("application/json").when().post("/echo/things")
                .then().statusCode(201)
                .header("Location", equalTo("https://points.example.org:8443/echo/things/1"));
    }

    @Test
    void linksCalledDirectlyNameTheServiceItself() {
        given().contentType("application/json").when().post("/echo/things")
                .then().statusCode(201)
                .header("Location", startsWith("http://localhost:"));
    }
}
