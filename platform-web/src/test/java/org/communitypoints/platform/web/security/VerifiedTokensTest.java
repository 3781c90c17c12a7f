package org.communitypoints.platform.web.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A token verified once is taken again without its check until it expires; anything refused is checked in full
 * every time. Each test signs its own tokens, so what one test remembered does not answer another's.
 */
@QuarkusTest
@WithTestResource(OidcResource.class)
class VerifiedTokensTest {

    @Inject
    VerifiedTokens tokens;

    @Test
    void aVerifiedTokenIsAnsweredFromMemoryWithTheSameCaller() {
        String token = Tokens.resident("resident-remembered", "wutong");
        assertNull(remembered(token), "not known before its first request");

        community(token, "wutong").statusCode(200).body(equalTo("wutong"));

        SecurityIdentity identity = remembered(token);
        assertNotNull(identity, "known after quarkus-oidc verified it");
        assertEquals("resident-remembered", identity.getPrincipal().getName());
        community(token, "wutong").statusCode(200).body(equalTo("wutong"));
        community(token, "xinghe").statusCode(404);
    }

    @Test
    void aRememberedTokenIsNotReadByQuarkusOidcAgain() {
        String token = Tokens.resident("resident-read-once", "wutong");
        readByOidc(token).statusCode(200).body(equalTo("true"));

        readByOidc(token).statusCode(200).body(equalTo("false"));
        readByOidc("  " + token + " ").statusCode(200).body(equalTo("false"));
    }

    @Test
    void onlyABearerTokenIsLookedUp() {
        assertEquals("abc", VerifiedTokens.KnownTokens.bearerToken("Bearer abc"));
        assertEquals("abc", VerifiedTokens.KnownTokens.bearerToken("bearer  abc "));
        assertNull(VerifiedTokens.KnownTokens.bearerToken("Basic abc"));
        assertNull(VerifiedTokens.KnownTokens.bearerToken("Bearer "));
        assertNull(VerifiedTokens.KnownTokens.bearerToken("Bearerabc"));
        assertNull(VerifiedTokens.KnownTokens.bearerToken(null));
    }

    @Test
    void aRememberedTokenKeepsItsOwnRoles() {
        String resident = Tokens.resident("same-person", "wutong");
        String staff = Tokens.staff("same-person", "wutong");
        staffOnly(resident).statusCode(403);
        staffOnly(staff).statusCode(200);

        staffOnly(resident).statusCode(403);
        staffOnly(staff).statusCode(200);
    }

    @Test
    void refusedTokensAreNeverRemembered() {
        String wronglySigned = Tokens.wronglySigned("resident-forged", "wutong");
        String expired = Tokens.expired("resident-late", "wutong");
        String otherIssuer = Tokens.fromOtherIssuer("resident-elsewhere", "wutong");
        for (String token : new String[] { wronglySigned, expired, otherIssuer }) {
            community(token, "wutong").statusCode(401);
            community(token, "wutong").statusCode(401);
            assertNull(remembered(token));
        }
    }

    @Test
    void aRememberedTokenWithAnotherSignatureIsCheckedInFull() {
        String token = Tokens.resident("resident-tampered", "wutong");
        community(token, "wutong").statusCode(200);
        String tampered = token.substring(0, token.length() - 4)
                + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

        community(tampered, "wutong").statusCode(401);
        assertNull(remembered(tampered));
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        // long enough for the first request on a busy machine; the claim counts whole seconds
        Instant expiry = Instant.now().plusSeconds(8);
        String token = Tokens.claims("resident-brief", "wutong", "resident").expiresAt(expiry).sign();
        community(token, "wutong").statusCode(200);
        assertNotNull(remembered(token));

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> !Instant.now().isBefore(expiry.plusMillis(100)));
        assertNull(remembered(token), "past its expiry the token is no longer known");
        community(token, "wutong").statusCode(401);
    }

    @Test
    void withNoRoomNothingIsRemembered() {
        VerifiedTokens none = new VerifiedTokens(config(0, Duration.ofSeconds(60)));
        String token = Tokens.resident("resident-unremembered", "wutong");
        community(token, "wutong").statusCode(200);
        SecurityIdentity verified = remembered(token);
        assertNotNull(verified);

        none.remember(verified);
        assertNull(none.identityFor(token, null));
    }

    @Test
    void aTokenIsTakenAgainOnlyForTheMaximumAge() {
        VerifiedTokens brief = new VerifiedTokens(config(100, Duration.ofSeconds(1)));
        String token = Tokens.resident("resident-aged", "wutong");
        community(token, "wutong").statusCode(200);
        brief.remember(remembered(token));
        assertNotNull(brief.identityFor(token, null));

        await().atMost(Duration.ofSeconds(5)).until(() -> brief.identityFor(token, null) == null);
    }

    private SecurityIdentity remembered(String token) {
        return tokens.identityFor(token, null);
    }

    private static io.restassured.response.ValidatableResponse community(String token, String communityId) {
        return given().auth().oauth2(token).when().get("/echo/communities/" + communityId).then();
    }

    private static io.restassured.response.ValidatableResponse readByOidc(String token) {
        return given().header("Authorization", "Bearer " + token).when().get("/echo/read-by-oidc").then();
    }

    private static io.restassured.response.ValidatableResponse staffOnly(String token) {
        return given().auth().oauth2(token).when().get("/echo/staff-only").then();
    }

    private static VerifiedTokensConfig config(long maxSize, Duration maxAge) {
        return new VerifiedTokensConfig() {
            @Override
            public long maxSize() {
                return maxSize;
            }

            @Override
            public Duration maxAge() {
                return maxAge;
            }
        };
    }
}
