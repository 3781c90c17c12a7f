package org.communitypoints.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class WebConsoleTest {

    @Test
    void thePageAndItsScriptsAreServedWithoutAToken() {
        given().when().get("/")
                .then().statusCode(200).contentType(containsString("text/html")).body(containsString("/app/main.js"));
        given().when().get("/app/main.js")
                .then().statusCode(200).contentType(containsString("javascript"));
        given().when().get("/sw.js")
                .then().statusCode(200).body(containsString("caches"));
    }

    @Test
    void theSettingsNameTheIssuerAndThePublicClient() {
        given().when().get("/console/settings")
                .then().statusCode(200)
                .body("clientId", is("web-console"))
                .body("issuerUrl", startsWith("http"));
    }

    @Test
    void aResidentGetsTheVoucherCodeAsAnSvgQrCode() {
        given().auth().oauth2(Tokens.resident("li-mei", "wutong"))
                .when().get("/api/home/vouchers/phnbpvbntc/qr")
                .then().statusCode(200).contentType(containsString("image/svg+xml"))
                .body(startsWith("<svg"), containsString("aria-label=\"PHNBPVBNTC\""), endsWith("</svg>"));
    }

    @Test
    void somethingThatCannotBeAVoucherCodeIsNotDrawn() {
        given().auth().oauth2(Tokens.resident("li-mei", "wutong"))
                .when().get("/api/home/vouchers/<script>/qr")
                .then().statusCode(404).contentType(containsString("application/problem+json")).body("code", is("NOT_FOUND"));
    }

    @Test
    void onlyResidentsGetQrCodesAndOnlyWithAToken() {
        given().when().get("/api/home/vouchers/PHNBPVBNTC/qr")
                .then().statusCode(401).body("code", is("UNAUTHENTICATED"));
        given().auth().oauth2(Tokens.partner("liu-yang", "wutong", "wutong-canteen"))
                .when().get("/api/home/vouchers/PHNBPVBNTC/qr")
                .then().statusCode(403).body("code", is("FORBIDDEN"));
    }
}
