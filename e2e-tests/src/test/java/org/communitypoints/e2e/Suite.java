package org.communitypoints.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.core.ConditionTimeoutException;
import org.communitypoints.embedded.ServiceRoles;
import org.communitypoints.localstack.IdentityProvider;
import org.communitypoints.localstack.Infrastructure;
import org.communitypoints.localstack.Progress;
import org.communitypoints.localstack.RestartBackoff;
import org.communitypoints.localstack.ServiceProcess;
import org.communitypoints.localstack.StackSettings;
import org.communitypoints.localstack.SupervisedService;
import org.communitypoints.localstack.seed.DemoData;
import org.communitypoints.localstack.seed.PasswordGrantTokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The whole suite, started once per test JVM: embedded PostgreSQL, the KRaft broker and the OIDC provider
 * (the local stack's own classes), then the four packaged services as child processes on free ports, supervised
 * as the launcher supervises them (a service that dies is started again after {@link RestartBackoff#DEFAULT}),
 * then the demo data seeded through the gateway. Tests reach it only through {@link #gatewayUrl()} with tokens
 * from {@link #tokens()}.
 */
public final class Suite {

    /**
     * How long a service process may take to answer ready: 180 s, or {@code -De2e.ready-timeout-seconds} on a machine
     * so shared that a JVM takes longer to start (seen: the gateway 153 s at a load average of 40).
     */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("e2e.ready-timeout-seconds", 180));
    /** Residents of 梧桐 the tests may use, one or more per test, never shared between tests. */
    private static final int TEST_RESIDENTS = 72;
    /**
     * People of 梧桐 the OIDC provider knows but the registry does not: they ask to join through the mini-program's
     * API, as a family that has just moved in does. One per test, never shared.
     */
    private static final int NEWCOMERS = 4;
    private static final List<String> SERVICES = List.of("community-service", "activity-service", "points-service",
            "catalog-service", "gateway");
    /** The services the gateway balances across instances of, with the variable that lists a service's instances. */
    private static final List<String> DATA_SERVICES = List.of("community-service", "activity-service",
            "points-service", "catalog-service");
    private static final Map<String, String> GATEWAY_URL_VARIABLES = Map.of("community-service", "COMMUNITY_URL",
            "activity-service", "ACTIVITY_URL", "points-service", "POINTS_URL", "catalog-service", "CATALOG_URL");

    /**
     * The services that hold the redemption receipt secret: the gateway signs, points-service verifies; catalog-service,
     * whose insiders the receipt stops, never holds it (as on the local stack and in the manifests).
     */
    private static final Set<String> RECEIPT_SECRET_HOLDERS = Set.of("gateway", "points-service");

    private static Suite instance;

    private final Path repository;
    private final Path workDir;
    private final Progress progress = new Progress(System.out);
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Every port handed to a server of this run, so that no two get the same one. */
    private final Set<Integer> pickedPorts = new HashSet<>();
    private final Map<String, SupervisedService> services = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> launches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "e2e-service-restarts");
        thread.setDaemon(true);
        return thread;
    });
    /** This run's own redemption receipt secret. */
    private final String receiptSecret = "e2e-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    private final AtomicInteger nextResident = new AtomicInteger();
    private final AtomicInteger nextNewcomer = new AtomicInteger();
    /** Each test resident's household in the registry. */
    private final Map<Resident, String> households = new ConcurrentHashMap<>();
    /** Findings the tests caused on purpose, by type: the redemption ids ({@link #plantFinding}). */
    private final Map<String, Set<String>> plantedFindings = new ConcurrentHashMap<>();
    private Infrastructure infrastructure;
    private Map<String, String> serviceEnv;
    private PasswordGrantTokens tokens;
    private double readySeconds;
    private final LocalDate startedOn = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    /** A resident of 梧桐 known to the OIDC provider: log in as {@code username}; the member id is the token's subject. */
    public record Resident(String username, String memberId) {
    }

    private Suite(Path repository, Path workDir) {
        this.repository = repository;
        this.workDir = workDir;
    }

    public static synchronized Suite get() throws Exception {
        if (instance == null) {
            Path repository = Path.of(System.getProperty("e2e.repository", "..")).toAbsolutePath().normalize();
            Path work = Path.of(System.getProperty("e2e.work-dir", "target/e2e")).toAbsolutePath()
                    .resolve("run-" + System.currentTimeMillis());
            Suite suite = new Suite(repository, work);
            Runtime.getRuntime().addShutdownHook(new Thread(suite::stop, "e2e-suite-stop"));
            instance = suite;
            suite.start();
        }
        return instance;
    }

    private void start() throws Exception {
        removeEarlierRuns();
        Files.createDirectories(workDir);
        for (String name : List.of("postgres", "kafka", "kafka-controller", "oidc", "gateway", "activity-service",
                "points-service", "catalog-service", "community-service")) {
            ports.put(name, 0);
        }
        freePorts();
        Path identityHome = writeIdentityConfig();
        StackSettings settings = new StackSettings(identityHome, workDir.resolve("data"), ports.get("postgres"),
                ports.get("kafka"), ports.get("kafka-controller"), ports.get("oidc"), ports.get("gateway"),
                ports.get("activity-service"), ports.get("points-service"), ports.get("catalog-service"),
                ports.get("community-service"), null, null,
                StackSettings.DEFAULT_SERVICE_JAVA_OPTIONS);
        progress.step("End-to-end suite: starting PostgreSQL, Kafka and the OIDC provider (work dir " + workDir + ")");
        infrastructure = Infrastructure.start(settings, progress);
        serviceEnv = new HashMap<>();
        serviceEnv.put("POSTGRES_URL", infrastructure.database().jdbcUrl());
        serviceEnv.put("POSTGRES_USER", infrastructure.database().user());
        serviceEnv.put("POSTGRES_PASSWORD", infrastructure.database().password());
        serviceEnv.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        serviceEnv.put("OIDC_AUTH_SERVER_URL", infrastructure.identityProvider().issuerUrl());
        serviceEnv.put("OIDC_AUDIENCE", IdentityProvider.AUDIENCE);
        serviceEnv.put("ACTIVITY_URL", "http://localhost:" + ports.get("activity-service"));
        serviceEnv.put("POINTS_URL", "http://localhost:" + ports.get("points-service"));
        serviceEnv.put("CATALOG_URL", "http://localhost:" + ports.get("catalog-service"));
        serviceEnv.put("COMMUNITY_URL", "http://localhost:" + ports.get("community-service"));
        // The tests poll through the gateway far faster than a resident taps; the limiter itself has its own tests.
        serviceEnv.put("RATE_LIMIT_CAPACITY", "5000");
        serviceEnv.put("RATE_LIMIT_REFILL_PER_SECOND", "5000");
        for (String module : List.of("community-service", "activity-service", "points-service", "catalog-service",
                "gateway", "reconciler")) {
            application(module);
        }
        for (String service : SERVICES) {
            supervise(service);
        }
        for (String service : SERVICES) {
            awaitReady(services.get(service));
        }
        // From here on a service that dies is started again, as the launcher does; before, it is a setup problem.
        services.values().forEach(SupervisedService::supervise);
        readySeconds = progress.elapsedSeconds();
        tokens = new PasswordGrantTokens(infrastructure.identityProvider().tokenEndpoint());
        DemoData.Summary seeded = DemoData.seed(gatewayUrl(), tokens, progress::step);
        registerTestResidents();
        progress.step("End-to-end suite ready: gateway " + gatewayUrl() + " (" + seeded.created() + " demo items)");
    }

    public String gatewayUrl() {
        return "http://localhost:" + ports.get("gateway");
    }

    public String issuerUrl() {
        return infrastructure.identityProvider().issuerUrl();
    }

    public PasswordGrantTokens tokens() {
        return tokens;
    }

    public Path repository() {
        return repository;
    }

    public Path workDir() {
        return workDir;
    }

    /** The community's day (Asia/Shanghai) the suite started on: every fact of this run lies on or after it. */
    public LocalDate startedOn() {
        return startedOn;
    }

    public String kafkaBootstrapServers() {
        return infrastructure.kafkaBootstrapServers();
    }

    /**
     * Records a finding a test caused on purpose (an insider's attempt that the reconciler must report, and keeps
     * reporting: it cannot be undone): the tests that expect balanced books accept it, and nothing else.
     *
     * @param type the finding's type, e.g. REGISTRY_CLAIM_NOT_CONFIRMED
     * @param redemptionId the redemption it names
     */
    public void plantFinding(String type, String redemptionId) {
        plantedFindings.computeIfAbsent(type, t -> ConcurrentHashMap.newKeySet()).add(redemptionId);
    }

    /** The findings planted so far, by type: the redemption ids. */
    public Map<String, Set<String>> plantedFindings() {
        return plantedFindings;
    }

    /**
     * A connection to the suite's database as a service's runtime role, e.g. {@code catalog_app}: what an insider with
     * that service's database password holds.
     *
     * @param schema the service's schema ({@code catalog}, {@code points}, ...)
     */
    public Connection asRuntimeRole(String schema) throws SQLException {
        ServiceRoles roles = ServiceRoles.fromEnvironment(schema, System.getenv());
        return DriverManager.getConnection(infrastructure.database().jdbcUrl(), roles.runtime(),
                roles.runtimePassword());
    }

    /** Stops PostgreSQL alone while the services run (a fast shutdown: their connections are cut). */
    public void stopPostgres() throws IOException {
        progress.step("Stopping PostgreSQL");
        infrastructure.stopPostgres();
    }

    /** Starts PostgreSQL again on its data and its port; the services reconnect by themselves. */
    public void startPostgres() throws IOException {
        infrastructure.startPostgres();
        progress.step("PostgreSQL started again");
    }

    /** Stops the Kafka broker alone while the services run, keeping its topics, records and offsets. */
    public void stopBroker() {
        progress.step("Stopping the Kafka broker");
        infrastructure.stopKafka();
    }

    /** Starts the broker again on its storage and its ports; producers and consumers reconnect by themselves. */
    public void startBroker() throws IOException {
        infrastructure.startKafka();
        progress.step("Kafka broker started again");
    }

    /** Seconds from the first step to the four services answering ready. */
    public double readySeconds() {
        return readySeconds;
    }

    public synchronized Resident newResident() {
        int n = nextResident.incrementAndGet();
        if (n > TEST_RESIDENTS) {
            throw new IllegalStateException("The tests need more than " + TEST_RESIDENTS + " residents: raise TEST_RESIDENTS");
        }
        return resident(n);
    }

    /** Someone who can log in as a resident of 梧桐 but is not in the registry (yet): see {@link #NEWCOMERS}. */
    public synchronized Resident newcomer() {
        int n = nextNewcomer.incrementAndGet();
        if (n > NEWCOMERS) {
            throw new IllegalStateException("The tests need more than " + NEWCOMERS + " newcomers: raise NEWCOMERS");
        }
        return newcomer(n);
    }

    /** The resident's household in the registry (one per test resident), for tests that tag it. */
    public String householdOf(Resident resident) {
        return households.get(resident);
    }

    /** What the supervisor says the service (or instance, {@code points-service-2}) is doing. */
    public SupervisedService.State state(String service) {
        return services.get(service).state();
    }

    /** The service's current process. */
    public ServiceProcess process(String service) {
        return services.get(service).process();
    }

    /**
     * SIGKILL: no shutdown hook, no draining, no offset commit; what was in flight is simply cut off. Returns
     * once the process is gone; the supervisor starts a new one after its back-off ({@link #awaitRestarted}).
     *
     * @return the killed process's pid
     */
    public long kill(String service) throws InterruptedException {
        SupervisedService supervised = services.get(service);
        long pid = supervised.process().pid();
        progress.step("Killing " + service + " (pid " + pid + ") with SIGKILL");
        supervised.kill();
        return pid;
    }

    /** Waits until the supervisor has started a process other than {@code killedPid} and it is ready. */
    public void awaitRestarted(String service, long killedPid) throws IOException, InterruptedException {
        SupervisedService supervised = services.get(service);
        // The supervisor's restart is a moment away (its first back-off is 1 s).
        try {
            await(service + " started again by the supervisor").atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> supervised.process().pid() != killedPid && supervised.process().isAlive());
        } catch (ConditionTimeoutException e) {
            throw new IOException(service + " was not started again within " + READY_TIMEOUT.toSeconds()
                    + " s of SIGKILL: " + supervised.snapshot(), e);
        }
        awaitReady(supervised);
    }

    /**
     * SIGTERM, as an orchestrator stops a service, and how long the process took to end; the supervisor leaves it
     * stopped. A process still alive after {@code atMost} is killed (SIGKILL) and reported as not ended by itself.
     */
    public Termination terminate(String service, Duration atMost) {
        SupervisedService supervised = services.get(service);
        ServiceProcess process = supervised.process();
        progress.step("Stopping " + service + " (pid " + process.pid() + ") with SIGTERM");
        long sent = System.nanoTime();
        java.util.concurrent.CompletableFuture<Long> exited = process.process().onExit().thenApply(p -> System.nanoTime());
        // A stop on request: the supervisor sends SIGTERM, waits, insists with SIGKILL after atMost, and does not restart it.
        supervised.stop(atMost);
        Duration took = Duration.ofNanos(exited.join() - sent);
        boolean byItself = took.compareTo(atMost) < 0;
        progress.step(service + ": ended " + (byItself ? "" : "only when killed, ") + String.format("%.1f s", took.toMillis()
                / 1000.0) + " after SIGTERM (exit code " + process.process().exitValue() + ")");
        return new Termination(service, byItself, took, process.process().exitValue(), process.logFile());
    }

    /** How a service ended after SIGTERM: whether by itself within the time given, how long it took, its exit code. */
    public record Termination(String service, boolean endedByItself, Duration took, int exitCode, Path log) {
    }

    /** Starts a service stopped by {@link #terminate} again and waits until it is ready. */
    public void startAgain(String service) throws IOException, InterruptedException {
        SupervisedService supervised = services.get(service);
        supervised.start();
        awaitReady(supervised);
    }

    /** The last lines of every service's log (and of the restarted ones), for a failed test's output. */
    public String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        try (var logs = Files.list(workDir.resolve("logs"))) {
            for (Path log : logs.sorted().toList()) {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.append("\n===== last ").append(Math.min(lines, all.size())).append(" lines of ").append(log).append('\n');
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException e) {
            out.append("(logs unreadable: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }

    /**
     * The packaged application (a Quarkus fast-jar directory, relocatable) copied into this run's directory, so
     * that a rebuild of the module while the tests run (another build on the same machine) cannot pull the
     * classes from under a running or restarting service.
     */
    public Path application(String module) throws IOException {
        Path copy = workDir.resolve("apps").resolve(module);
        if (!Files.exists(copy.resolve("quarkus-run.jar"))) {
            Path packaged = repository.resolve(module).resolve("target/quarkus-app");
            if (!Files.isRegularFile(packaged.resolve("quarkus-run.jar"))) {
                throw new IOException(module + " is not packaged: " + packaged.resolve("quarkus-run.jar")
                        + " is missing (run ./mvnw -B package -DskipTests -pl " + module + ")");
            }
            try (var tree = Files.walk(packaged)) {
                for (Path source : tree.toList()) {
                    Path target = copy.resolve(packaged.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return copy.resolve("quarkus-run.jar");
    }

    /** Launches the service's first process (unsupervised until every service is ready, as the launcher does). */
    private void supervise(String service) throws IOException {
        supervise(service, service, ports.get(service), serviceEnv);
    }

    /**
     * Launches one instance of {@code module} named {@code name}. The environment map is read at every launch, so a
     * restart sees what was changed in it since (the gateway's instance lists after {@link #scaleOut}).
     */
    private void supervise(String name, String module, int port, Map<String, String> env) throws IOException {
        Path jar = application(module);
        SupervisedService supervised = new SupervisedService(name, port, () -> {
            int launch = launches.computeIfAbsent(name, s -> new AtomicInteger()).incrementAndGet();
            // Every process of the service logs to its own file: a restarted one's log does not hide the dead one's.
            String logName = launch == 1 ? name + ".log" : name + "-restart-" + (launch - 1) + ".log";
            Map<String, String> launchEnv = new HashMap<>(env);
            if (RECEIPT_SECRET_HOLDERS.contains(module)) {
                launchEnv.put("REDEMPTION_RECEIPT_SECRET", receiptSecret);
            }
            ServiceProcess process = ServiceProcess.start(name, jar, port, launchEnv,
                    StackSettings.DEFAULT_SERVICE_JAVA_OPTIONS,
                    Files.createDirectories(workDir.resolve("logs")).resolve(logName));
            progress.step(name + ": starting on :" + port + " (pid " + process.pid() + ", log " + logName + ")");
            return process;
        }, progress, RestartBackoff.DEFAULT, restarts, READY_TIMEOUT, started -> {
        });
        services.put(name, supervised);
        supervised.launchUnsupervised();
    }

    /**
     * A second instance of each data service ({@code points-service-2}, …: supervised, on a free port, with
     * {@code INSTANCE_ID=1} so that its Kafka consumers are static group members of their own beside the first
     * instance's), then the gateway restarted with both instances' addresses in its lists, which it takes in turn.
     * The instances of a service share its database, its outbox and its consumer groups, as replicas do. Returns the
     * second instances' names. Idempotent: a second call returns the running ones.
     */
    public synchronized List<String> scaleOut() throws IOException, InterruptedException {
        List<String> second = new ArrayList<>();
        for (String service : DATA_SERVICES) {
            second.add(service + "-2");
        }
        if (services.containsKey(second.get(0))) {
            return second;
        }
        progress.step("End-to-end suite: starting a second instance of each data service");
        Map<String, String> urls = new LinkedHashMap<>();
        for (String service : DATA_SERVICES) {
            int port = freePort();
            Map<String, String> env = new HashMap<>(serviceEnv);
            env.put("INSTANCE_ID", "1");
            supervise(service + "-2", service, port, env);
            urls.put(GATEWAY_URL_VARIABLES.get(service),
                    "http://localhost:" + ports.get(service) + ",http://localhost:" + port);
        }
        for (String name : second) {
            awaitReady(services.get(name));
            services.get(name).supervise();
        }
        // Only the gateway reads the lists; its restart (a second or two of refused connections) is before any load.
        serviceEnv.putAll(urls);
        SupervisedService gateway = services.get("gateway");
        gateway.stop(Duration.ofSeconds(10));
        gateway.start();
        awaitReady(gateway);
        progress.step("End-to-end suite: two instances of each data service behind the gateway " + urls);
        return second;
    }

    /**
     * Stops the second instances (SIGTERM, as a scale-in does); the gateway keeps their addresses and leaves them
     * out of its turn while they refuse connections (its passive ejection), so the tests after run on one
     * instance of each service as before.
     */
    public synchronized void scaleIn() {
        for (String service : DATA_SERVICES) {
            SupervisedService second = services.remove(service + "-2");
            if (second != null) {
                second.shutdown(Duration.ofSeconds(10));
            }
        }
        progress.step("End-to-end suite: the second instances stopped");
    }

    private void awaitReady(SupervisedService service) throws IOException, InterruptedException {
        if (!service.awaitReady(READY_TIMEOUT)) {
            ServiceProcess process = service.process();
            throw new IOException(service.name() + (process.isAlive() ? " was not ready within " + READY_TIMEOUT.toSeconds()
                    + " s" : " stopped while starting") + "; the end of its log:\n" + String.join("\n", process.logTail(40)));
        }
        progress.step(service.name() + ": ready (pid " + service.process().pid() + ")");
    }

    private void stop() {
        List<Thread> stoppers = new ArrayList<>();
        for (SupervisedService service : services.values()) {
            Thread stopper = new Thread(() -> service.shutdown(Duration.ofSeconds(10)));
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        restarts.shutdownNow();
        if (infrastructure != null) {
            infrastructure.close();
        }
        // The logs and reconciler reports stay for reading; the copied applications and the data go (~400 MB).
        try {
            deleteTree(workDir.resolve("apps"));
            deleteTree(workDir.resolve("data").resolve("postgres"));
            deleteTree(workDir.resolve("data").resolve("postgres-binaries"));
            deleteTree(workDir.resolve("data").resolve("kafka"));
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not remove " + workDir + ": " + e.getMessage());
        }
    }

    /**
     * A run cleans up after itself when its JVM ends ({@link #stop()}); a run that was killed leaves its
     * directory, removed here once it is an hour old (a younger one may belong to a build running beside this one).
     */
    private void removeEarlierRuns() throws IOException {
        Path parent = workDir.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        long hourAgo = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        try (var runs = Files.list(parent)) {
            for (Path run : runs.filter(p -> p.getFileName().toString().startsWith("run-")).toList()) {
                try {
                    if (Long.parseLong(run.getFileName().toString().substring(4)) < hourAgo) {
                        deleteTree(run);
                    }
                } catch (NumberFormatException notARun) {
                    // someone else's directory: leave it
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var tree = Files.walk(root)) {
            tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void freePorts() throws IOException {
        for (String name : ports.keySet()) {
            ports.put(name, freePort());
        }
    }

    /**
     * A port no process listens on, below the kernel's ephemeral range. A port the kernel hands out for "any free
     * port" comes from the range it also takes outgoing connections' local ports from, so between the pick and the
     * service's bind (seconds later, or a restart minutes later) a JDBC or Kafka connection of another process may
     * hold it: a second instance once failed to start so. Below the range only a listener can take it.
     */
    private int freePort() throws IOException {
        int ephemeralLow = ephemeralRangeStart();
        int low = 10_000;
        if (ephemeralLow - low < 1_000) {
            // A range reaching down so far leaves no room outside it: the kernel's pick, and the race, as before.
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(low, ephemeralLow);
            if (!pickedPorts.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // someone listens there: try another
            }
        }
        throw new IOException("no free port between " + low + " and " + ephemeralLow);
    }

    private static int ephemeralRangeStart() {
        try {
            // Read by lines: Files.readString gave only its first character ("3"), as /proc reports a size of 0.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }

    /**
     * The test residents registered by 梧桐's staff as volunteers, each in a household of their own, as the demo
     * residents are: the services refuse a member the registry has not announced. Returns once catalog-service's
     * and points-service's copies hold every one of them (activity-service reads the same topic beside them).
     */
    private void registerTestResidents() throws IOException, InterruptedException {
        Api api = new Api(this);
        for (int n = 1; n <= TEST_RESIDENTS; n++) {
            Resident resident = resident(n);
            String householdId = api.as(DemoData.STAFF).header("Idempotency-Key", "e2e-household-" + n)
                    .contentType("application/json").body(Map.of("name", String.format("测试楼 %02d 号", n)))
                    .post("/api/community/households").then().statusCode(anyOf(is(200), is(201)))
                    .extract().path("id");
            api.as(DemoData.STAFF).header("Idempotency-Key", "e2e-resident-" + n).contentType("application/json")
                    .body(Map.of("memberId", resident.memberId(), "displayName", String.format("测试居民%02d", n),
                            "householdId", householdId, "birthYear", 1980, "volunteerState", "REGISTERED"))
                    .post("/api/community/residents").then().statusCode(anyOf(is(200), is(201)));
            households.put(resident, householdId);
        }
        await("the test residents in the services' copies of the registry").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).until(() -> households.entrySet().stream().allMatch(entry -> {
                    String member = entry.getKey().memberId();
                    return api.as(DemoData.STAFF).get("/api/catalog/households/" + member + "/eligibility")
                            .statusCode() == 200
                            && api.as(DemoData.STAFF).get("/api/points/households/" + entry.getValue() + "/passbook")
                                    .asString().contains(member);
                }));
        progress.step("End-to-end suite: " + TEST_RESIDENTS + " test residents registered in the registry and its copies");
    }

    private static Resident resident(int n) {
        return new Resident(String.format("e2e-resident-%02d", n), String.format("00000000-0000-4000-b000-%012d", n));
    }

    private static Resident newcomer(int n) {
        return new Resident(String.format("e2e-newcomer-%02d", n), String.format("00000000-0000-4000-c000-%012d", n));
    }

    /**
     * The demo users of keycloak/mock-oauth2-server.json plus the test residents and newcomers, written where
     * {@link StackSettings#identityConfig()} looks for them under a stand-in repository directory.
     */
    private Path writeIdentityConfig() throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(repository.resolve("keycloak/mock-oauth2-server.json").toFile());
        ArrayNode mappings = (ArrayNode) config.path("tokenCallbacks").path(0).path("requestMappings");
        List<Resident> people = new java.util.ArrayList<>();
        for (int n = 1; n <= TEST_RESIDENTS; n++) {
            people.add(resident(n));
        }
        for (int n = 1; n <= NEWCOMERS; n++) {
            people.add(newcomer(n));
        }
        for (Resident resident : people) {
            ObjectNode mapping = json.createObjectNode();
            mapping.put("requestParam", "username");
            mapping.put("match", resident.username());
            ObjectNode claims = mapping.putObject("claims");
            claims.put("sub", resident.memberId());
            claims.putArray("aud").add(IdentityProvider.AUDIENCE);
            claims.put("azp", "mini-program");
            claims.put("preferred_username", resident.username());
            claims.putArray("groups").add("resident");
            claims.put("community", DemoData.COMMUNITY);
            mappings.insert(0, mapping);
        }
        Path home = workDir.resolve("identity");
        Path file = Files.createDirectories(home.resolve("keycloak")).resolve("mock-oauth2-server.json");
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
        return home;
    }
}
