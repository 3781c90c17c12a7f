package org.communitypoints.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Stand-ins for the activity, points, catalog and community services: one WireMock HTTP server each, on a fixed
 * free port so a test can stop a service and start it again at the same address.
 */
public class StandInServices implements QuarkusTestResourceLifecycleManager {

    public static final List<String> NAMES = List.of("activity", "points", "catalog", "community");
    private static final Map<String, WireMockServer> SERVERS = new HashMap<>();

    @Override
    public synchronized Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        for (String name : NAMES) {
            WireMockServer server = SERVERS.computeIfAbsent(name, n -> new WireMockServer(
                    WireMockConfiguration.options().port(freePort()).bindAddress("127.0.0.1").containerThreads(20)));
            if (!server.isRunning()) {
                server.start();
            }
            config.put("gateway.downstreams." + name + ".urls", "http://127.0.0.1:" + server.port());
        }
        return config;
    }

    @Override
    public synchronized void stop() {
        SERVERS.values().forEach(WireMockServer::stop);
    }

    public static WireMockServer service(String name) {
        return SERVERS.get(name);
    }

    /** Every stand-in running with no stubs, every circuit breaker closed: each test starts from the same state. */
    public static void resetAll() {
        io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.get().resetAll();
        SERVERS.values().forEach(server -> {
            if (!server.isRunning()) {
                server.start();
            }
            server.resetAll();
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
