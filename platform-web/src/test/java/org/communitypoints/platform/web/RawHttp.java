package org.communitypoints.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One HTTP/1.1 request written byte for byte, for what HTTP clients refuse to send (control characters in a
 * header) or cannot choose (the local address the server sees as the peer: any 127.x.x.x reaches the test server).
 */
final class RawHttp {

    private RawHttp() {
    }

    /** @return the whole answer: status line, headers and body */
    static String get(String fromAddress, String path, String... headerLines) {
        return send(fromAddress, "GET", path, headerLines);
    }

    /** A request without a body (Content-Length: 0 for a POST). */
    static String send(String fromAddress, String method, String path, String... headerLines) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("GET".equals(method) ? "" : "Content-Length: 0\r\n").append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
