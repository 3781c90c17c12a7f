package org.communitypoints.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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

/** A single-node Kafka broker in KRaft mode (broker and controller in one), in this JVM. */
public final class EmbeddedKafka {

    private static EmbeddedKafka shared;

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafka(Path dataDir, int partitions) throws IOException {
        int port = freePort();
        int controllerPort = freePort();
        Path logDir = Files.createDirectories(dataDir.resolve("logs"));
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", String.valueOf(partitions));
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        Path config = dataDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            props.store(out, "embedded test broker");
        }
        format(config);
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, new Properties(), false), Time.SYSTEM);
        server.startup();
        bootstrapServers = "127.0.0.1:" + port;
        awaitReady();
    }

    /** The broker shared by every test of this JVM, started on first use. */
    public static synchronized EmbeddedKafka shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-");
                shared = new EmbeddedKafka(dir, Integer.getInteger("test.kafka.partitions", 3));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded Kafka", e);
            }
            EmbeddedKafka started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
        }
        return shared;
    }

    /** Starts a broker of its own (for a tool such as a benchmark); stop it when done. */
    public static EmbeddedKafka start(Path dataDir, int partitions) throws IOException {
        return new EmbeddedKafka(dataDir, partitions);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void stop() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void format(Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = kafka.tools.StorageTool$.MODULE$.execute(new String[] {
                "format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", config.toString() },
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("Kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady() {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Admin client = Admin.create(admin)) {
            while (true) {
                try {
                    client.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not become ready", e);
                    }
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
