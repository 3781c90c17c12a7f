package org.communitypoints.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.communitypoints.embedded.ServiceRoles;
import org.communitypoints.localstack.seed.BenchmarkSeed;
import org.communitypoints.localstack.seed.DemoData;
import org.communitypoints.localstack.seed.PasswordGrantTokens;

/**
 * Starts the whole suite on this machine: PostgreSQL, Kafka, the OIDC provider, the four services
 * and the gateway; prints where everything is; stops it all on Ctrl-C, keeping the data.
 */
public final class LocalStack {

    /**
     * A service of the suite: its Maven module, its port and which instance of the module it is (0, 1, …). The instance
     * becomes INSTANCE_ID, which names each instance's static member of its Kafka consumer groups: two instances
     * with the same member id would fence each other's consumers out of the group.
     */
    record Service(String name, String module, int port, int instance) {
        Service(String name, String module, int port) {
            this(name, module, port, 0);
        }
    }

    /** Instance i (from 0) of a data service listens on its port + i * this: 8082, 9082, 10082 for points. */
    static final int INSTANCE_PORT_STEP = 1000;
    static final int MAX_INSTANCES = 9;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StackSettings settings;
    private final int instances;
    private final Progress progress;
    private final Object lock = new Object();
    private final List<SupervisedService> running = new ArrayList<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-stack-restarts");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ControlServer control;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Infrastructure infrastructure;
    private boolean stopping;

    LocalStack(StackSettings settings, Progress progress) {
        this(settings, 1, progress);
    }

    /** @param instances how many instances of each data service (the gateway runs once and takes them in turn) */
    LocalStack(StackSettings settings, int instances, Progress progress) {
        this.settings = settings;
        this.instances = instances;
        this.progress = progress;
    }

    /** {@code --instances N} or LOCAL_STACK_INSTANCES, 1 when neither is given. */
    static int instancesOf(List<String> args, Map<String, String> env) {
        String value = env.get("LOCAL_STACK_INSTANCES");
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--instances") && i + 1 < args.size()) {
                value = args.get(i + 1);
            } else if (args.get(i).startsWith("--instances=")) {
                value = args.get(i).substring("--instances=".length());
            }
        }
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_INSTANCES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below, with the accepted range
        }
        throw new IllegalArgumentException("--instances must be a number from 1 to " + MAX_INSTANCES + ", not '" + value + "'");
    }

    public static void main(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--fast-unsafe")) {
            System.setProperty(Infrastructure.FAST_UNSAFE_PROPERTY, "true");
        }
        Path repository = Path.of(System.getProperty("localstack.repository", ".")).toAbsolutePath().normalize();
        StackSettings settings = StackSettings.fromEnvironment(repository, System.getenv());
        int instances = instancesOf(java.util.Arrays.asList(args), System.getenv());
        routeLibraryLogsToFile(settings);
        LocalStack stack = new LocalStack(settings, instances, new Progress(System.out));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println();
            System.err.println("The suite did not start: " + e.getMessage());
            System.exit(1);
        }
        stack.stopped.await();
    }

    /** Every process to start: each data service {@code instances} times (points-service, points-service-2...). */
    List<Service> services() {
        List<Service> all = new ArrayList<>();
        for (Service service : dataServices(settings)) {
            for (int i = 0; i < instances; i++) {
                all.add(new Service(service.name() + (i == 0 ? "" : "-" + (i + 1)), service.module(),
                        service.port() + i * INSTANCE_PORT_STEP, i));
            }
        }
        all.add(new Service("gateway", "gateway", settings.gatewayPort()));
        return all;
    }

    private static List<Service> dataServices(StackSettings settings) {
        return List.of(
                // The registry first: the other services check every member against its events.
                new Service("community-service", "community-service", settings.communityPort()),
                new Service("activity-service", "activity-service", settings.activityPort()),
                new Service("points-service", "points-service", settings.pointsPort()),
                new Service("catalog-service", "catalog-service", settings.catalogPort()));
    }

    void start() throws IOException, InterruptedException {
        progress.step("Starting the community points suite (data in " + settings.dataDir() + ")");
        clearLeftoversAndCheckPorts();
        Infrastructure started = Infrastructure.start(settings, progress);
        synchronized (lock) {
            infrastructure = started;
            if (stopping) {
                return;
            }
        }
        Map<String, String> env = serviceEnvironment(settings, instances, started.database().jdbcUrl(),
                started.kafkaBootstrapServers(), started.identityProvider().issuerUrl());
        // The stack's own seal key and receipt secret, made on the first start, each for the services that need it.
        StackSecrets secrets = StackSecrets.in(settings.dataDir());
        for (Service service : services()) {
            synchronized (lock) {
                if (stopping) {
                    return;
                }
                Path jar = settings.repository().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
                Map<String, String> instanceEnv = instanceEnvironment(service, env, secrets, System.getenv(),
                        Runtime.getRuntime().availableProcessors());
                SupervisedService supervised = new SupervisedService(service.name(), service.port(),
                        () -> ServiceProcess.start(service.name(), jar, service.port(), instanceEnv,
                                settings.serviceJavaOptions(),
                                settings.logDir().resolve(service.name() + ".log")),
                        progress, RestartBackoff.DEFAULT, restarts, READY_TIMEOUT, this::recordPids);
                running.add(supervised);
                supervised.launchUnsupervised();
            }
            progress.step(service.name() + ": starting on :" + service.port() + " (pid "
                    + running.get(running.size() - 1).process().pid() + ")");
        }
        List<SupervisedService> launched = List.copyOf(running);
        Set<String> waitingFor = new ConcurrentSkipListSet<>();
        launched.forEach(service -> waitingFor.add(service.name()));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-stack-progress");
            thread.setDaemon(true);
            return thread;
        });
        // A slow machine should not look like a hung one.
        ticker.scheduleAtFixedRate(() -> {
            if (!waitingFor.isEmpty() && !isStopping()) {
                progress.step("... still starting: " + String.join(", ", waitingFor));
            }
        }, 15, 15, TimeUnit.SECONDS);
        ExecutorService waiters = Executors.newFixedThreadPool(launched.size());
        try {
            // In the order they get ready, so that a service that dies stops the start at once.
            CompletionService<SupervisedService> readiness = new ExecutorCompletionService<>(waiters);
            for (SupervisedService service : launched) {
                readiness.submit(() -> service.awaitReady(READY_TIMEOUT) ? service : notReady(service.process()));
            }
            for (int i = 0; i < launched.size(); i++) {
                SupervisedService service = readiness.take().get();
                waitingFor.remove(service.name());
                progress.step(service.name() + ": ready on http://localhost:" + service.port());
                // From its first readiness on, a service that dies is restarted.
                service.supervise();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NotReady && isStopping()) {
                return;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } finally {
            ticker.shutdownNow();
            waiters.shutdownNow();
        }
        control = ControlServer.start(settings.dataDir(), new StackControl(
                StackParts.of(started, settings, launched, READY_TIMEOUT, STOP_GRACE), progress));
        if (isStopping()) {
            control.close(); // Ctrl-C came while the control port opened: stop() may have missed it
        }
        seedDemoData(started);
        double seconds = progress.elapsedSeconds();
        MemoryReport memory = memoryReport(launched);
        Welcome.lines(settings, started, DemoUsers.read(settings.identityConfig())).forEach(progress::line);
        progress.line("");
        progress.line(String.format("Ready in %.1f s.%s", seconds,
                memory.isAvailable() ? " Resident memory of the whole stack: " + memory.summary() : ""));
        progress.line("From another terminal: ./local-stack.sh status | stop <part> | start <part>  (parts: "
                + StackParts.POSTGRES + ", " + StackParts.KAFKA + ", "
                + String.join(", ", launched.stream().map(SupervisedService::name).toList()) + ")");
    }

    /** The services' current pids, for the clean-up after a launcher killed outright. */
    private void recordPids(SupervisedService changed) {
        List<SupervisedService> services;
        synchronized (lock) {
            services = List.copyOf(running);
        }
        List<ServiceProcess> processes = new ArrayList<>();
        services.forEach(service -> processes.add(service.process()));
        try {
            Leftovers.record(settings.dataDir(), processes);
        } catch (IOException e) {
            progress.step("WARNING: could not record the services' pids in " + settings.dataDir() + ": " + e.getMessage());
        }
    }

    private static <T> T notReady(ServiceProcess process) throws NotReady {
        throw new NotReady(process.name() + (process.isAlive() ? " was not ready within " + READY_TIMEOUT.toSeconds()
                + " s" : " stopped while starting") + "; the end of " + process.logFile() + ":\n    "
                + String.join("\n    ", process.logTail(25)));
    }

    /** A service that did not get ready, with the end of its log. */
    private static final class NotReady extends Exception {
        NotReady(String message) {
            super(message);
        }
    }

    /** Services first (they drain their work), then the broker, the OIDC provider and the database. */
    void stop() {
        List<SupervisedService> toStop;
        Infrastructure toClose;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            stopping = true;
            toStop = List.copyOf(running);
            toClose = infrastructure;
        }
        if (control != null) {
            control.close();
        }
        try {
            progress.line("");
            progress.step("Stopping the services...");
            List<Thread> stoppers = new ArrayList<>();
            for (SupervisedService service : toStop) {
                Thread stopper = new Thread(() -> service.shutdown(STOP_GRACE), "stop-" + service.name());
                stopper.start();
                stoppers.add(stopper);
            }
            for (Thread stopper : stoppers) {
                stopper.join();
            }
            Leftovers.forget(settings.dataDir());
            if (toClose != null) {
                progress.step("Stopping Kafka, the OIDC provider and PostgreSQL...");
                toClose.close();
            }
            progress.step("Stopped. The data is kept in " + settings.dataDir() + " for the next start.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /** A launcher killed outright leaves its children running: stop them, then make sure every port is free. */
    private void clearLeftoversAndCheckPorts() throws IOException {
        java.nio.file.Files.createDirectories(settings.dataDir());
        List<String> stopped = Leftovers.stopServices(settings.dataDir());
        if (!stopped.isEmpty()) {
            progress.step("Stopped " + String.join(", ", stopped) + ", left running by a previous run");
        }
        if (settings.externalPostgres() == null) {
            if (Leftovers.stopPostgres(settings.postgresDir())) {
                progress.step("Stopped the PostgreSQL left running by a previous run");
            }
            Leftovers.requireFree("PostgreSQL", settings.postgresPort());
        }
        if (settings.externalKafka() == null) {
            Leftovers.requireFree("Kafka", settings.kafkaPort());
            Leftovers.requireFree("Kafka controller", settings.kafkaControllerPort());
        }
        Leftovers.requireFree("OIDC provider", settings.oidcPort());
        for (Service service : services()) {
            Leftovers.requireFree(service.name(), service.port());
        }
    }

    /**
     * The demo community, created through the gateway as its staff and grid worker would. Idempotent, so
     * every start completes what is missing. A failure is reported but leaves the suite running: the
     * services are usable without demo data. LOCAL_STACK_SEED=false starts with empty schemas.
     */
    private void seedDemoData(Infrastructure infra) throws InterruptedException {
        if ("false".equalsIgnoreCase(System.getenv("LOCAL_STACK_SEED"))) {
            progress.step("Demo data: skipped (LOCAL_STACK_SEED=false)");
            return;
        }
        String gateway = "http://localhost:" + settings.gatewayPort();
        PasswordGrantTokens tokens = new PasswordGrantTokens(infra.identityProvider().tokenEndpoint());
        try {
            DemoData.seed(gateway, tokens, progress::step);
        } catch (IOException | RuntimeException e) {
            progress.step("WARNING: the demo data could not be seeded (" + e.getMessage()
                    + "); the suite runs without it. Seed later with: java -cp local-stack/target/local-stack-launcher.jar "
                    + DemoData.class.getName() + " " + gateway + " " + infra.identityProvider().tokenEndpoint());
            return;
        }
        seedBenchmarkResidents(gateway, tokens);
    }

    /** After the demo data, whose canteen and activity kinds they use; nothing at all when the setting is 0. */
    private void seedBenchmarkResidents(String gateway, PasswordGrantTokens tokens) throws InterruptedException {
        BenchmarkResidents residents = settings.benchmarkResidents();
        if (residents.isEmpty()) {
            return;
        }
        if (!"false".equalsIgnoreCase(System.getenv("RATE_LIMIT_ENABLED"))) {
            progress.step("NOTE: the gateway's rate limit is on: seeding " + residents.count()
                    + " benchmark residents as one staff member takes minutes, and a benchmark would measure 429s."
                    + " Start with RATE_LIMIT_ENABLED=false for load tests.");
        }
        try {
            BenchmarkSeed.seed(gateway, tokens, residents, progress::step);
        } catch (IOException | RuntimeException e) {
            progress.step("WARNING: the benchmark residents could not be made ready (" + e.getMessage()
                    + "); the suite and the demo data are there. A restart completes what is missing.");
        }
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** What every service is told; the same variable names as docker-compose.yml sets. */
    static Map<String, String> serviceEnvironment(StackSettings settings, String jdbcUrl, String kafkaBootstrapServers,
            String issuerUrl) {
        return serviceEnvironment(settings, 1, jdbcUrl, kafkaBootstrapServers, issuerUrl);
    }

    /** As above, with the gateway given every instance's address of each service (a comma-separated list). */
    static Map<String, String> serviceEnvironment(StackSettings settings, int instances, String jdbcUrl,
            String kafkaBootstrapServers, String issuerUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("POSTGRES_URL", jdbcUrl);
        // Each service's own roles, never the superuser the stack connects as (Infrastructure created them).
        ServiceRoles.allFromEnvironment(System.getenv()).forEach(roles -> env.putAll(roles.serviceEnvironment()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers);
        env.put("OIDC_AUTH_SERVER_URL", issuerUrl);
        env.put("OIDC_AUDIENCE", IdentityProvider.AUDIENCE);
        env.put("ACTIVITY_URL", instanceUrls(settings.activityPort(), instances));
        env.put("POINTS_URL", instanceUrls(settings.pointsPort(), instances));
        env.put("CATALOG_URL", instanceUrls(settings.catalogPort(), instances));
        env.put("COMMUNITY_URL", instanceUrls(settings.communityPort(), instances));
        // Like the broker and the OIDC provider, the services answer only on this machine: a demo stack
        // whose identity provider hands out tokens for any password is no server for the network.
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        return env;
    }

    /**
     * The gateway's event loops per core of the machine. Every request passes through them, and on one machine they
     * share the cores with every service, PostgreSQL and Kafka. The scheduler gives each runnable thread an equal
     * share, so with Quarkus's default of one I/O loop per core the gateway got 2 of some 20 shares: on a fresh stack
     * under 250 reads a second its two loops were runnable in every thread dump yet ran 11 % of a core each, calls
     * waited in them past their 10 s deadline and the breakers opened, while the services answered their direct
     * callers in 20 ms (docs/benchmarks.md, 2026-12-03 21:10). A gateway on cores of its own (Kubernetes) keeps
     * Quarkus's default.
     */
    static final int GATEWAY_EVENT_LOOPS_PER_CORE = 4;

    /**
     * What one process is told: the environment every service gets, the stack's secrets its module needs
     * ({@link StackSecrets#forModule}), its instance number, and for the gateway its
     * event loops ({@link #GATEWAY_EVENT_LOOPS_PER_CORE}) unless the launcher's own environment sets them.
     */
    static Map<String, String> instanceEnvironment(Service service, Map<String, String> shared, StackSecrets secrets,
            Map<String, String> launcherEnv, int cores) {
        Map<String, String> env = new HashMap<>(shared);
        env.putAll(secrets.forModule(service.module()));
        env.put("INSTANCE_ID", Integer.toString(service.instance()));
        if (service.module().equals("gateway")) {
            String loops = Integer.toString(GATEWAY_EVENT_LOOPS_PER_CORE * cores);
            // The HTTP server's I/O threads are event loops: as many of both.
            for (String variable : List.of("QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE", "QUARKUS_HTTP_IO_THREADS")) {
                if (!launcherEnv.containsKey(variable)) {
                    env.put(variable, loops);
                }
            }
        }
        return env;
    }

    private static String instanceUrls(int firstPort, int instances) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            urls.add("http://localhost:" + (firstPort + i * INSTANCE_PORT_STEP));
        }
        return String.join(",", urls);
    }

    private MemoryReport memoryReport(List<SupervisedService> services) {
        MemoryReport report = new MemoryReport();
        report.add("launcher (Kafka + OIDC)", ProcessHandle.current().pid());
        if (infrastructure.database().isEmbedded()) {
            report.addPostgres(settings.postgresDir());
        }
        for (SupervisedService service : services) {
            report.add(service.name(), service.process().pid());
        }
        return report;
    }

    /** Kafka and PostgreSQL talk a lot; their lines go to a file so the console shows only progress. */
    private static void routeLibraryLogsToFile(StackSettings settings) throws IOException {
        java.nio.file.Files.createDirectories(settings.logDir());
        System.setProperty("org.slf4j.simpleLogger.logFile", settings.logDir().resolve("infrastructure.log").toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }
}
