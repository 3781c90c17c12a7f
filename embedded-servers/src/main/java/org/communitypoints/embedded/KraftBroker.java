package org.communitypoints.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one) inside this JVM, at the Kafka
 * version the Quarkus BOM pins. The storage is formatted at the first start; a later start on the same
 * data directory reuses it with the configuration written then, so topics and records survive a restart.
 */
public final class KraftBroker implements AutoCloseable {

    private static final String CONFIG_FILE = "server.properties";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final boolean freshlyFormatted;

    private KraftBroker(KafkaRaftServer server, String bootstrapServers, boolean freshlyFormatted) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.freshlyFormatted = freshlyFormatted;
    }

    /**
     * Starts the broker on the given ports (0: any free port), or on the ports its storage was formatted
     * with: a KRaft controller records its own address in the metadata log, so an existing storage keeps
     * its first ports.
     *
     * @param defaultPartitions partitions of a topic created without a count (auto-created topics)
     */
    public static KraftBroker start(Path dataDir, int port, int controllerPort, int defaultPartitions) throws IOException {
        Path logDir = Files.createDirectories(dataDir.resolve("logs"));
        Path configFile = dataDir.resolve(CONFIG_FILE);
        boolean formatted = Files.exists(logDir.resolve("meta.properties")) && Files.exists(configFile);
        Properties props = formatted
                ? load(configFile)
                : config(logDir, orFreePort(port), orFreePort(controllerPort), defaultPartitions);
        // The directory may have moved since the storage was formatted: the data is where it is now.
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        if (!formatted) {
            try (Writer out = Files.newBufferedWriter(configFile)) {
                props.store(out, "single-node KRaft broker: written at the first start, reused afterwards");
            }
            format(configFile);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, new Properties(), false), Time.SYSTEM);
        server.startup();
        String bootstrap = props.getProperty("advertised.listeners").replace("PLAINTEXT://", "");
        KraftBroker broker = new KraftBroker(server, bootstrap, !formatted);
        try {
            awaitReady(bootstrap, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /** A throw-away broker on free ports in a new directory under {@code parent} (for tests and tools). */
    public static KraftBroker startFresh(Path parent, int defaultPartitions) {
        try {
            Files.createDirectories(parent);
            return start(Files.createTempDirectory(parent, "kafka-"), 0, 0, defaultPartitions);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** True when this start created the storage (an empty broker). */
    public boolean freshlyFormatted() {
        return freshlyFormatted;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** The one broker configuration of the suite; the replication settings are what a single node allows. */
    static Properties config(Path logDir, int port, int controllerPort, int defaultPartitions) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", String.valueOf(defaultPartitions));
        props.put("offsets.topic.replication.factor", "1");
        // Fewer internal partitions than the default 50: each is files and a thread's work on a 2-core machine.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // A consumer group should not wait 3 s for members that will never come.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        // A laptop-sized broker: small segments and a week of history.
        props.put("log.segment.bytes", String.valueOf(32 * 1024 * 1024));
        props.put("log.retention.hours", "168");
        return props;
    }

    private static Properties load(Path configFile) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(configFile)) {
            props.load(in);
        }
        return props;
    }

    private static void format(Path configFile) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        // StorageTool's execute returns an exit code where its main would end the JVM.
        int exit = kafka.tools.StorageTool$.MODULE$.execute(new String[] {
                "format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", configFile.toString() },
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("Kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static void awaitReady(String bootstrapServers, Duration timeout) {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin client = Admin.create(admin)) {
            while (true) {
                try {
                    client.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not become ready within " + timeout.toSeconds() + " s", e);
                    }
                }
            }
        }
    }

    private static int orFreePort(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
