package org.communitypoints.localstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control port of a running launcher, driven as ./local-stack.sh drives it, over a real child process
 * (a stand-in service answering /q/health/ready): status, stop, start, a SIGKILL followed by a supervised
 * restart, and the refusals.
 */
class StackControlTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor();
    private Path dataDir;
    private SupervisedService service;
    private ControlServer server;

    /** The exit code and the lines of one answer. */
    record Answer(int exit, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }
    }

    @BeforeEach
    void startAFakeServiceUnderControl() throws Exception {
        dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "control-");
        Progress progress = new Progress(new PrintStream(console, true, StandardCharsets.UTF_8));
        int port = freePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", Path.of("target/test-classes").toAbsolutePath().toString(), FakeService.class.getName());
        service = new SupervisedService("points-service", port,
                () -> ServiceProcess.launch("points-service", command, dataDir, port, Map.of(),
                        dataDir.resolve("points-service.log")),
                progress, new RestartBackoff(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(60)),
                restarts, READY_TIMEOUT, changed -> {
                });
        service.launchUnsupervised();
        assertTrue(service.awaitReady(READY_TIMEOUT), "the stand-in service got ready");
        service.supervise();
        server = ControlServer.start(dataDir, new StackControl(
                List.of(StackParts.service(service, READY_TIMEOUT, Duration.ofSeconds(10))), progress));
    }

    @AfterEach
    void stopEverything() {
        server.close();
        service.shutdown(Duration.ofSeconds(5));
        restarts.shutdownNow();
    }

    @Test
    void statusShowsTheServiceRunningAndReadyWithItsPidAndPort() throws Exception {
        Answer answer = send("status");

        assertEquals(0, answer.exit());
        String row = answer.lines().stream().filter(line -> line.startsWith("points-service")).findFirst().orElseThrow();
        assertEquals(List.of("points-service", "running", String.valueOf(service.process().pid()),
                String.valueOf(service.port()), "yes"), List.of(row.split("\\s+")));
    }

    @Test
    void stopEndsTheProcessAndItStaysStopped() throws Exception {
        ServiceProcess before = service.process();

        Answer answer = send("stop points-service");

        assertEquals(0, answer.exit(), answer.text());
        assertFalse(before.isAlive());
        // Longer than the first restart wait: a service stopped on request is not brought back.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> service.state() == SupervisedService.State.STOPPED && service.process() == before);
        assertTrue(send("status").text().contains("stopped"));
    }

    @Test
    void startAfterStopRunsANewProcessAndAnswersOnceItIsReady() throws Exception {
        long before = service.process().pid();
        send("stop points-service");

        Answer answer = send("start points-service");

        assertEquals(0, answer.exit(), answer.text());
        assertTrue(answer.text().contains("points-service: ready in"), answer.text());
        assertNotEquals(before, service.process().pid());
        assertTrue(service.isReadyNow());
        assertEquals("points-service is already running", send("start points-service").text());
    }

    @Test
    void aKilledServiceIsRestartedAfterTheBackoffAndTheLauncherSaysSo() throws Exception {
        long before = service.process().pid();

        service.kill();

        await().atMost(READY_TIMEOUT).until(() -> service.state() == SupervisedService.State.RUNNING
                && service.process().pid() != before);
        String said = console.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("points-service exited (code 137); restarting in 0.5 s (attempt 1)"), said);
        assertTrue(said.contains("points-service: ready on http://localhost:" + service.port() + " (after restart 1)"), said);
    }

    @Test
    void unknownPartAndUnknownCommandAreRefusedWithExitCodeTwo() throws Exception {
        Answer part = send("stop points-servise");
        Answer command = send("restart points-service");

        assertEquals(2, part.exit());
        assertEquals("unknown part 'points-servise': the parts are points-service", part.text());
        assertEquals(2, command.exit());
        assertTrue(command.text().startsWith("unknown command 'restart'"), command.text());
    }

    @Test
    void aCommandWithoutTheTokenIsRefused() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            Answer answer = exchange(socket, "not-the-token stop points-service");

            assertEquals(1, answer.exit());
            assertTrue(answer.text().startsWith("refused"), answer.text());
        }
        assertTrue(service.process().isAlive());
    }

    @Test
    void theScriptTalksToTheLauncherAndPassesOnItsExitCode() throws Exception {
        Answer status = script("status");
        Answer unknown = script("stop kafak");

        assertEquals(0, status.exit(), status.text());
        assertTrue(status.text().contains("points-service"), status.text());
        assertEquals(2, unknown.exit(), unknown.text());
        assertTrue(unknown.text().contains("unknown part 'kafak'"), unknown.text());
    }

    @Test
    void theScriptSaysSoWhenNoStackRuns() throws Exception {
        server.close();

        Answer answer = script("status");

        assertEquals(1, answer.exit());
        assertTrue(answer.text().contains("no stack is running"), answer.text());
    }

    private Answer send(String command) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            return exchange(socket, server.token() + " " + command);
        }
    }

    private static Answer exchange(Socket socket, String line) throws IOException {
        PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out.println(line);
        List<String> lines = new ArrayList<>();
        int exit = -1;
        for (String answer = in.readLine(); answer != null; answer = in.readLine()) {
            if (answer.matches("exit \\d+")) {
                exit = Integer.parseInt(answer.substring(5));
            } else {
                lines.add(answer);
            }
        }
        return new Answer(exit, lines);
    }

    /** ./local-stack.sh with the same arguments, pointed at this test's data directory. */
    private Answer script(String arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("../local-stack.sh").toAbsolutePath().toString()));
        command.addAll(List.of(arguments.split(" ")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LOCAL_STACK_DATA_DIR", dataDir.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Answer(process.waitFor(), List.of(output.split("\n")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
