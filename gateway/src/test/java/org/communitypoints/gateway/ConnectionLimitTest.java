package org.communitypoints.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * The gateway holds at most {@code quarkus.http.limits.max-connections} callers' connections: one more is closed
 * unanswered, and a place freed is taken again. Without the bound an overload kept opening connections until the
 * gateway ran out of heap.
 */
@QuarkusTest
@TestProfile(ConnectionLimitTest.ThreeConnections.class)
class ConnectionLimitTest {

    private static final int CONNECTIONS = 3;
    private static final String REQUEST = "GET /api/points/me/balance HTTP/1.1\r\nHost: localhost\r\n\r\n";

    public static class ThreeConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.limits.max-connections", Integer.toString(CONNECTIONS));
        }
    }

    @Test
    void aConnectionBeyondTheLimitIsClosedUnansweredAndAFreedPlaceIsTakenAgain() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = connect();
                // an answered request proves the gateway accepted and counts this connection before the next opens
                assertTrue(answer(socket).startsWith("HTTP/1.1 401"), "connection " + i + " within the limit is served");
                held.add(socket);
            }

            try (Socket oneTooMany = connect()) {
                assertEquals("", answer(oneTooMany), "the connection beyond the limit gets no answer");
            }

            held.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(
                    () -> given().when().get("/api/points/me/balance").then().statusCode(401));
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", RestAssured.port), 2_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    /** The status line and headers the gateway answers a request with on this connection; "" if it closed instead. */
    private static String answer(Socket socket) throws IOException {
        socket.getOutputStream().write(REQUEST.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        try {
            int b;
            while ((b = in.read()) != -1) {
                head.append((char) b);
                if (head.indexOf("\r\n\r\n") >= 0) {
                    break;
                }
            }
        } catch (SocketException closed) {
            // reset by the gateway: no answer
        }
        return head.toString();
    }
}
