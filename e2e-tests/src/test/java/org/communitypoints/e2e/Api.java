package org.communitypoints.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests to the gateway as one user, with a real token from the OIDC provider. */
public final class Api {

    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().defaultContentCharset("UTF-8"));

    private final Suite suite;

    public Api(Suite suite) {
        this.suite = suite;
    }

    public RequestSpecification as(String username) {
        String token;
        try {
            token = suite.tokens().tokenFor(username);
        } catch (Exception e) {
            throw new IllegalStateException("No token for " + username + ": " + e.getMessage(), e);
        }
        return given().config(CONFIG).baseUri(suite.gatewayUrl()).auth().oauth2(token)
                .contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public RequestSpecification as(Suite.Resident resident) {
        return as(resident.username());
    }
}
