package org.communitypoints.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.Principal;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/** The community and partner claims as text, from quarkus-oidc's verified claims and from any other token. */
class CallerClaimTextTest {

    private static JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("bench-0001");
        claims.setClaim(Caller.COMMUNITY_CLAIM, "wutong");
        return claims;
    }

    @Test
    void readsTheClaimsQuarkusOidcVerified() {
        Principal verified = new OidcJwtCallerPrincipal(claims(), new AccessTokenCredential("raw-token"));

        assertEquals("wutong", Caller.claimText(verified, Caller.COMMUNITY_CLAIM));
        assertNull(Caller.claimText(verified, Caller.PARTNER_CLAIM));
    }

    @Test
    void readsAnyOtherTokenThroughItsClaims() {
        Principal other = new DefaultJWTCallerPrincipal(claims());

        assertEquals("wutong", Caller.claimText(other, Caller.COMMUNITY_CLAIM));
        assertNull(Caller.claimText(other, Caller.PARTNER_CLAIM));
    }

    @Test
    void aCallerWithoutATokenHasNoClaims() {
        Principal anonymous = () -> "anonymous";

        assertNull(Caller.claimText(anonymous, Caller.COMMUNITY_CLAIM));
        assertNull(Caller.claimText(null, Caller.COMMUNITY_CLAIM));
    }
}
