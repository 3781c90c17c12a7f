package org.communitypoints.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * An OIDC provider for tests: Quarkus's OIDC test server (discovery and signing keys over HTTP),
 * started once per test JVM. The services verify tokens against it exactly as against Keycloak;
 * {@link Tokens} signs tokens with its key.
 */
public class OidcResource implements QuarkusTestResourceLifecycleManager {

    private static Map<String, String> config;

    @Override
    public synchronized Map<String, String> start() {
        if (config == null) {
            OidcWiremockTestResource server = new OidcWiremockTestResource();
            Map<String, String> started = new HashMap<>(server.start());
            started.put("quarkus.oidc.auth-server-url", started.get("keycloak.url") + "/realms/quarkus");
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            config = Map.copyOf(started);
        }
        return config;
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped by the shutdown hook.
    }
}
