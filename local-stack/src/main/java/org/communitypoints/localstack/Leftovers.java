package org.communitypoints.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What a previous run left behind when its launcher was killed outright (kill -9, a closed terminal):
 * service processes and a PostgreSQL still holding their ports. Only processes this stack started are
 * touched: the service pids it recorded, and the postmaster of its own data directory.
 */
final class Leftovers {

    private static final String PID_FILE = "services.pid";

    private Leftovers() {
    }

    /**
     * Remembers the services' current pids so that the next start can stop them if this launcher dies;
     * written again whenever a service gets a new process (a restart).
     */
    static void record(Path dataDir, List<ServiceProcess> services) throws IOException {
        List<String> lines = new ArrayList<>();
        for (ServiceProcess service : services) {
            if (service != null) {
                lines.add(service.pid() + " " + service.name());
            }
        }
        Files.write(dataDir.resolve(PID_FILE), lines, StandardCharsets.UTF_8);
    }

    static void forget(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(PID_FILE));
        } catch (IOException ignored) {
            // the next start checks the recorded pids anyway
        }
    }

    /** Stops recorded services that are still running (all at once); returns their names. */
    static List<String> stopServices(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve(PID_FILE);
        List<String> stopped = new ArrayList<>();
        if (!Files.exists(pidFile)) {
            return stopped;
        }
        List<ProcessHandle> stopping = new ArrayList<>();
        for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split(" ", 2);
            if (parts.length == 2) {
                ours(Long.parseLong(parts[0]), "quarkus-run.jar").ifPresent(handle -> {
                    handle.destroy();
                    stopping.add(handle);
                    stopped.add(parts[1]);
                });
            }
        }
        stopping.forEach(Leftovers::awaitExit);
        Files.delete(pidFile);
        return stopped;
    }

    /** Stops the postmaster that still runs on this data directory; true if there was one. */
    static boolean stopPostgres(Path postgresDir) throws IOException {
        Path pidFile = postgresDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        return !lines.isEmpty() && stopIfRunning(Long.parseLong(lines.get(0).trim()), "postgres");
    }

    /** A readable refusal when another program already listens on a port the stack needs. */
    static void requireFree(String what, int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            throw new IOException("Port " + port + " (" + what + ") is already in use. Stop the program that uses it,"
                    + " or choose another port (see local-stack/README.md, Settings).");
        }
    }

    private static boolean stopIfRunning(long pid, String commandMustContain) {
        Optional<ProcessHandle> handle = ours(pid, commandMustContain);
        handle.ifPresent(process -> {
            process.destroy();
            awaitExit(process);
        });
        return handle.isPresent();
    }

    /** The live process with this pid, if its command line shows it is still the one recorded. */
    private static Optional<ProcessHandle> ours(long pid, String commandMustContain) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().commandLine().orElse("").contains(commandMustContain));
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }
}
