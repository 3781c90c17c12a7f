package org.communitypoints.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Lets {@code ./local-stack.sh status|stop|start} talk to the running launcher. The launcher listens on a
 * free loopback port and writes "PORT TOKEN" to {@code .local/control} (readable by its owner only); a
 * client sends one line, "TOKEN COMMAND [PART]", and reads the answer's lines until the last, "exit N".
 * The token keeps other local users from stopping someone's stack; bash alone can be the client
 * ({@code /dev/tcp}), so the script needs no extra tool and no second JVM.
 */
public final class ControlServer implements AutoCloseable {

    /** The file the script reads, in the data directory. */
    public static final String FILE = "control";

    private final ServerSocket socket;
    private final String token;
    private final Path file;
    private final StackControl control;
    private final Thread acceptor;

    private ControlServer(ServerSocket socket, String token, Path file, StackControl control) {
        this.socket = socket;
        this.token = token;
        this.file = file;
        this.control = control;
        this.acceptor = new Thread(this::acceptLoop, "local-stack-control");
        this.acceptor.setDaemon(true);
    }

    public static ControlServer start(Path dataDir, StackControl control) throws IOException {
        ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        ControlServer server = new ControlServer(socket, HexFormat.of().formatHex(secret), dataDir.resolve(FILE), control);
        Files.deleteIfExists(server.file);
        Files.createFile(server.file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(server.file, socket.getLocalPort() + " " + server.token + "\n", StandardCharsets.UTF_8);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public String token() {
        return token;
    }

    public Path file() {
        return file;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                // Each on its own thread: a status must answer while a slow start is under way.
                Thread handler = new Thread(() -> serve(client), "local-stack-control-client");
                handler.setDaemon(true);
                handler.start();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // one failed accept; keep listening
            }
        }
    }

    private void serve(Socket client) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
            client.setSoTimeout(10_000);
            String line = in.readLine();
            if (line == null) {
                return;
            }
            int space = line.indexOf(' ');
            String offered = space < 0 ? line : line.substring(0, space);
            if (!MessageDigest.isEqual(offered.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
                out.println("refused: wrong token (the launcher writes it to " + file + ")");
                out.println("exit " + StackControl.FAILED);
                return;
            }
            String command = space < 0 ? "" : line.substring(space + 1);
            int exit = control.handle(command.isBlank() ? "status" : command, out::println);
            out.println("exit " + exit);
        } catch (IOException | UncheckedIOException e) {
            // the client went away; nothing to answer
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next launcher overwrites the file
        }
    }
}
