package org.communitypoints.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import org.eclipse.microprofile.jwt.Claims;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Access tokens for the users of the suite, shaped like the identity provider's: roles in {@code groups},
 * the community in {@code community}, a partner's id in {@code partner}. With the embedded servers they
 * are signed here with the OIDC test server's key; with {@link TestInfra#CONTAINERS} a token the realm can
 * express comes from the real Keycloak (see {@link KeycloakTokens}), and only tokens made to be refused
 * (expired, another issuer or audience, a foreign key) are still signed here. Test code is the same
 * either way.
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
        if (TestInfra.current() == TestInfra.CONTAINERS) {
            return KeycloakTokens.shared().reconcilerToken();
        }
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
        JwtClaimsBuilder builder = (JwtClaimsBuilder) Proxy.newProxyInstance(Tokens.class.getClassLoader(),
                new Class<?>[] { JwtClaimsBuilder.class }, new ClaimsRecorder(Jwt.claims()));
        builder.subject(subject)
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

    /**
     * Builds the token with smallrye-jwt as asked and notes whether a Keycloak user could carry the same
     * claims; {@code sign()} with no argument then asks Keycloak when the tests run against it. Anything the
     * realm cannot issue (another issuer or audience, set times, other claims, a chosen key) stays local.
     */
    private static final class ClaimsRecorder implements InvocationHandler {

        private final JwtClaimsBuilder local;
        private String subject;
        private String community;
        private String partner;
        private Set<String> roles = Set.of();
        private boolean keycloakCanIssue = true;

        ClaimsRecorder(JwtClaimsBuilder local) {
            this.local = local;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            int arity = args == null ? 0 : args.length;
            switch (method.getName()) {
                case "sign" -> {
                    if (arity == 0 && keycloakCanIssue && TestInfra.current() == TestInfra.CONTAINERS) {
                        return KeycloakTokens.shared()
                                .accessToken(new KeycloakTokens.User(subject, community, partner, roles));
                    }
                }
                case "subject" -> subject = (String) args[0];
                case "groups" ->
                    roles = args[0] instanceof String role ? Set.of(role) : Set.copyOf((Collection<String>) args[0]);
                case "claim" -> record(args[0] instanceof Claims claim ? claim.name() : String.valueOf(args[0]), args[1]);
                case "issuer" -> keycloakCanIssue &= ISSUER.equals(args[0]);
                case "audience" -> keycloakCanIssue &= AUDIENCE.equals(args[0]) || Set.of(AUDIENCE).equals(args[0]);
                case "preferredUserName", "expiresIn", "toString", "hashCode", "equals" -> {
                    // Keycloak sets these itself (preferred_username is the user's name, expiry the realm's lifespan).
                }
                default -> keycloakCanIssue = false;
            }
            try {
                Object result = method.invoke(local, args);
                // jws()/jwe() hand back the same builder under another interface the proxy does not wear
                return result == local && method.getReturnType().isInstance(proxy) ? proxy : result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void record(String name, Object value) {
            switch (name) {
                case "community" -> community = String.valueOf(value);
                case "partner" -> partner = String.valueOf(value);
                case "sub" -> subject = String.valueOf(value);
                default -> keycloakCanIssue = false;
            }
        }
    }
}
