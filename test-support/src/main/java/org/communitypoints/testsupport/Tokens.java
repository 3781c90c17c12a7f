package org.communitypoints.testsupport;

import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signed access tokens for the users of the suite, shaped like the identity provider's: roles in
 * {@code groups}, the community in {@code community}, a partner's id in {@code partner}.
 */
public final class Tokens {

    /** The issuer the OIDC test server announces. */
    public static final String ISSUER = "https://server.example.com";
    /** The audience every service expects (quarkus.oidc.token.audience). */
    public static final String AUDIENCE = "community-points";

    private Tokens() {
    }

    public static String resident(String memberId, String communityId) {
        return claims(memberId, communityId, "resident").sign();
    }

    public static String gridWorker(String workerId, String communityId) {
        return claims(workerId, communityId, "grid-worker").sign();
    }

    public static String staff(String staffId, String communityId) {
        return claims(staffId, communityId, "staff").sign();
    }

    public static String partner(String staffId, String communityId, String partnerId) {
        return claims(staffId, communityId, "partner").claim("partner", partnerId).sign();
    }

    public static String reconciler() {
        return Jwt.subject("service-account-reconciler").issuer(ISSUER).audience(AUDIENCE)
                .groups(Set.of("reconciler")).expiresIn(3600).sign();
    }

    /** A token that was valid an hour ago. */
    public static String expired(String memberId, String communityId) {
        return claims(memberId, communityId, "resident")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)).sign();
    }

    public static String fromOtherIssuer(String memberId, String communityId) {
        return claims(memberId, communityId, "resident").issuer("https://elsewhere.example.com").sign();
    }

    /** Correct claims, signed with a key the provider never published. */
    public static String wronglySigned(String memberId, String communityId) {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(memberId, communityId, "resident").jws().keyId("1").sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Start of a token for cases the helpers above do not cover; finish with {@code .sign()}. */
    public static JwtClaimsBuilder claims(String subject, String communityId, String... roles) {
        JwtClaimsBuilder builder = Jwt.subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .preferredUserName(subject)
                .groups(Set.of(roles))
                .expiresIn(3600);
        if (communityId != null) {
            builder.claim("community", communityId);
        }
        return builder;
    }
}
