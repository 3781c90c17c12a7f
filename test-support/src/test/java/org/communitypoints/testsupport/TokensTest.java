package org.communitypoints.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The locally signed tokens of embedded mode keep the claims the services read, through the recording builder. */
class TokensTest {

    @BeforeAll
    static void signWithTheOidcTestServersKey() {
        System.setProperty("smallrye.jwt.sign.key.location", "privateKey.jwk");
        System.setProperty(TestInfra.PROPERTY, "embedded");
    }

    @Test
    void aPartnerTokenCarriesSubjectRolesCommunityAndPartner() {
        String payload = payload(Tokens.partner("liu-yang", "wutong", "wutong-canteen"));
        assertContains(payload, "\"sub\":\"liu-yang\"");
        assertContains(payload, "\"groups\":[\"partner\"]");
        assertContains(payload, "\"community\":\"wutong\"");
        assertContains(payload, "\"partner\":\"wutong-canteen\"");
        assertContains(payload, "\"aud\":\"community-points\"");
        assertContains(payload, "\"iss\":\"" + Tokens.ISSUER + "\"");
    }

    @Test
    void aTokenBuiltFurtherKeepsTheChangedClaims() {
        String payload = payload(Tokens.claims("li-mei", "wutong", "resident").audience("another-app").sign());
        assertContains(payload, "\"aud\":\"another-app\"");
        assertContains(payload, "\"sub\":\"li-mei\"");
    }

    @Test
    void aTokenWithoutCommunityHasNoCommunityClaim() {
        String payload = payload(Tokens.claims("no-community", null, "resident").sign());
        assertEquals(-1, payload.indexOf("\"community\":"), payload);
    }

    private static String payload(String token) {
        assertNotNull(token);
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length, token);
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }

    private static void assertContains(String payload, String expected) {
        if (!payload.contains(expected)) {
            throw new AssertionError("expected " + expected + " in " + payload);
        }
    }
}
