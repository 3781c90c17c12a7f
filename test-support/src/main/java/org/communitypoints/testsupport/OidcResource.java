package org.communitypoints.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * An OIDC provider for tests, started once per test JVM: with {@link TestInfra#CONTAINERS} a real Keycloak
 * with the repository's realm, else Quarkus's OIDC test server (discovery and signing keys over HTTP). The
 * services verify tokens against it exactly as in production; {@link Tokens} gets tokens that fit it.
 */
public class OidcResource implements QuarkusTestResourceLifecycleManager {

    private static Map<String, String> config;

    @Override
    public synchronized Map<String, String> start() {
        if (config == null) {
            config = TestInfra.current() == TestInfra.CONTAINERS ? keycloak() : testServer();
        }
        return config;
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped by the shutdown hook (containers: by Testcontainers).
    }

    private static Map<String, String> testServer() {
        OidcWiremockTestResource server = new OidcWiremockTestResource();
        Map<String, String> started = new HashMap<>(server.start());
        started.put("quarkus.oidc.auth-server-url", started.get("keycloak.url") + "/realms/quarkus");
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return Map.copyOf(started);
    }

    private static Map<String, String> keycloak() {
        String url = KeycloakTokens.shared().baseUrl();
        return Map.of(
                "keycloak.url", url,
                "quarkus.oidc.auth-server-url", url + "/realms/" + KeycloakTokens.REALM,
                // Tokens that must be refused (expired, wrongly signed) are still signed here, with the test key.
                "smallrye.jwt.sign.key.location", "privateKey.jwk");
    }
}
