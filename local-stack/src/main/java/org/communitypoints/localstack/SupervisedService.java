package org.communitypoints.localstack;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One service of the stack and whoever runs it now: a process that dies without being asked to is started
 * again after a {@link RestartBackoff} wait, and the launcher says so. A service stopped on request stays
 * stopped until it is started on request. During the launcher's own first start a service is not yet
 * supervised: dying before its first readiness there is a setup problem that a restart would only repeat.
 */
public final class SupervisedService {

    /** What the service is doing, as {@code ./local-stack.sh status} shows it. */
    public enum State {
        STARTING,
        RUNNING,
        STOPPING,
        STOPPED,
        RESTARTING,
        EXITED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Starts one process of the service. */
    @FunctionalInterface
    public interface Launcher {
        ServiceProcess launch() throws IOException;
    }

    /**
     * A snapshot for status.
     *
     * @param pid the live process, if any
     * @param attempt restarts since the last reset (0: none)
     * @param restartIn time left before the next restart, when one is waiting
     * @param lastExitCode how the last process ended, if one did
     */
    public record Snapshot(String name, State state, OptionalLong pid, int port, int attempt, Duration restartIn,
            Integer lastExitCode) {
    }

    private final String name;
    private final int port;
    private final Launcher launcher;
    private final Progress progress;
    private final RestartBackoff backoff;
    private final ScheduledExecutorService scheduler;
    private final Duration readyTimeout;
    private final Consumer<SupervisedService> onLaunch;

    // Read without the lock (the launcher records every service's pid when one of them restarts); written under it.
    private volatile ServiceProcess process;
    // Guarded by this.
    private CompletableFuture<Boolean> ready = CompletableFuture.completedFuture(false);
    private State state = State.STOPPED;
    private int generation;
    private boolean supervised;
    private boolean shutDown;
    private int attempt;
    private Instant readySince;
    private Instant restartAt;
    private ScheduledFuture<?> pendingRestart;
    private Integer lastExitCode;

    /**
     * @param onLaunch told after every new process (the launcher records the pids for a later clean-up)
     */
    public SupervisedService(String name, int port, Launcher launcher, Progress progress, RestartBackoff backoff,
            ScheduledExecutorService scheduler, Duration readyTimeout, Consumer<SupervisedService> onLaunch) {
        this.name = name;
        this.port = port;
        this.launcher = launcher;
        this.progress = progress;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.readyTimeout = readyTimeout;
        this.onLaunch = onLaunch;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The current process, or null before the first start. */
    public ServiceProcess process() {
        return process;
    }

    public synchronized State state() {
        return state;
    }

    /** The launcher's first start: a process, not yet supervised (see the class comment). */
    public synchronized void launchUnsupervised() throws IOException {
        launch();
    }

    /** From now on a process that dies is restarted. */
    public synchronized void supervise() {
        supervised = true;
    }

    /** True once the current process answers ready; false if it died first or {@code timeout} ran out. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        CompletableFuture<Boolean> current;
        synchronized (this) {
            current = ready;
        }
        try {
            return current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Starts the service on request and supervises it; false if it was already starting or running.
     * Restarts start over from the first, short wait.
     */
    public synchronized boolean start() throws IOException {
        if (state == State.STARTING || state == State.RUNNING || state == State.STOPPING) {
            return false;
        }
        cancelPendingRestart();
        shutDown = false;
        supervised = true;
        attempt = 0;
        launch();
        return true;
    }

    /** Stops the service on request (SIGTERM, then SIGKILL after {@code grace}); it stays stopped. */
    public boolean stop(Duration grace) {
        ServiceProcess toStop;
        synchronized (this) {
            cancelPendingRestart();
            if (state == State.STOPPED || state == State.EXITED) {
                state = State.STOPPED;
                return false;
            }
            state = State.STOPPING;
            toStop = process;
        }
        toStop.stop(grace);
        synchronized (this) {
            state = State.STOPPED;
            readySince = null;
        }
        return true;
    }

    /** The launcher stops: no restart from now on, whatever happens. */
    public void shutdown(Duration grace) {
        synchronized (this) {
            shutDown = true;
        }
        stop(grace);
    }

    /** SIGKILL to the current process, as a crash would end it: a supervised service comes back by itself. */
    public void kill() throws InterruptedException {
        ServiceProcess current = process();
        if (current != null && current.isAlive()) {
            current.kill();
        }
    }

    public synchronized Snapshot snapshot() {
        OptionalLong pid = process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
        Duration restartIn = state == State.RESTARTING && restartAt != null
                ? Duration.between(Instant.now(), restartAt).isNegative() ? Duration.ZERO
                        : Duration.between(Instant.now(), restartAt)
                : null;
        return new Snapshot(name, state, pid, port, attempt, restartIn, lastExitCode);
    }

    /** One look at the service's readiness endpoint now (a running service answers 503 while its database is down). */
    public boolean isReadyNow() throws InterruptedException {
        ServiceProcess current = process();
        return current != null && current.isReady();
    }

    private void launch() throws IOException {
        int launched = ++generation;
        ServiceProcess started = launcher.launch();
        CompletableFuture<Boolean> readiness = new CompletableFuture<>();
        process = started;
        ready = readiness;
        state = State.STARTING;
        readySince = null;
        started.process().onExit().thenAccept(exited -> exited(launched, exited.exitValue()));
        Thread watcher = new Thread(() -> {
            try {
                if (started.awaitReady(readyTimeout)) {
                    becameReady(launched);
                    readiness.complete(true);
                } else {
                    readiness.complete(false);
                }
            } catch (InterruptedException e) {
                readiness.complete(false);
            }
        }, "ready-" + name);
        watcher.setDaemon(true);
        watcher.start();
        onLaunch.accept(this);
    }

    private synchronized void becameReady(int launched) {
        if (launched != generation || state != State.STARTING) {
            return;
        }
        state = State.RUNNING;
        readySince = Instant.now();
        if (supervised) {
            progress.step(name + ": ready on http://localhost:" + port
                    + (attempt > 0 ? " (after restart " + attempt + ")" : ""));
        }
    }

    private synchronized void exited(int launched, int exitCode) {
        if (launched != generation) {
            return;
        }
        lastExitCode = exitCode;
        ready.complete(false);
        if (state == State.STOPPING || state == State.STOPPED || shutDown) {
            return;
        }
        if (!supervised) {
            state = State.EXITED;
            return;
        }
        Duration readyFor = readySince == null ? null : Duration.between(readySince, Instant.now());
        scheduleRestart(name + " exited (code " + exitCode + ")", readyFor);
    }

    private void scheduleRestart(String why, Duration readyFor) {
        RestartBackoff.Restart restart = backoff.next(attempt, readyFor);
        attempt = restart.attempt();
        state = State.RESTARTING;
        readySince = null;
        restartAt = Instant.now().plus(restart.delay());
        progress.step(why + "; restarting in " + seconds(restart.delay()) + " (attempt " + attempt + ")");
        int scheduledFor = generation;
        pendingRestart = scheduler.schedule(() -> restart(scheduledFor), restart.delay().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void restart(int scheduledFor) {
        if (scheduledFor != generation || state != State.RESTARTING || shutDown) {
            return;
        }
        pendingRestart = null;
        try {
            launch();
            progress.step(name + ": restarted (pid " + process.pid() + ", attempt " + attempt + ")");
        } catch (IOException | RuntimeException e) {
            scheduleRestart(name + " could not be started (" + e.getMessage() + ")", null);
        }
    }

    private void cancelPendingRestart() {
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
        }
        restartAt = null;
    }

    private static String seconds(Duration delay) {
        return delay.toMillis() % 1000 == 0 ? delay.toSeconds() + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", delay.toMillis() / 1000.0);
    }
}
