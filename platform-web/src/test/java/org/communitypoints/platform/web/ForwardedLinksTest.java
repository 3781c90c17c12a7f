package org.communitypoints.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
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
    void forwardedHeadersFromAPeerOutsideTheTrustedListAreIgnored() {
        // 127.0.0.2 reaches the test server over loopback but is not in quarkus.http.proxy.trusted-proxies.
        String answer = RawHttp.send("127.0.0.2", "POST", "/echo/things", "Content-Type: application/json",
                "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: https");

        assertThat(answer, startsWith("HTTP/1.1 201"));
        assertThat(answer, containsString("\r\nLocation: http://localhost:"));
        assertThat(answer, not(containsString("evil.example")));
    }

    @Test
    void forwardedHeadersFromATrustedPeerAreHonouredOnTheSameRawRequest() {
        String answer = RawHttp.send("127.0.0.1", "POST", "/echo/things", "Content-Type: application/json",
                "X-Forwarded-Host: points.example.org", "X-Forwarded-Proto: https");

        assertThat(answer, containsString("\r\nLocation: https://points.example.org/echo/things/1\r\n"));
    }

    @Test
    void linksCalledDirectlyNameTheServiceItself() {
        given().contentType("application/json").when().post("/echo/things")
                .then().statusCode(201)
                .header("Location", startsWith("http://localhost:"));
    }
}
