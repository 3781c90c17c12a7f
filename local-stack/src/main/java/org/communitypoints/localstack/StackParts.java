package org.communitypoints.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The parts of a running stack as {@link StackControl} sees them: the embedded PostgreSQL, the broker, each service. */
public final class StackParts {

    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";

    private StackParts() {
    }

    /** postgres, kafka, then the services in their start order. */
    public static List<StackPart> of(Infrastructure infrastructure, StackSettings settings, List<SupervisedService> services,
            Duration readyTimeout, Duration stopGrace) {
        List<StackPart> parts = new java.util.ArrayList<>();
        parts.add(postgres(infrastructure));
        parts.add(kafka(infrastructure, settings));
        services.forEach(service -> parts.add(service(service, readyTimeout, stopGrace)));
        return parts;
    }

    public static StackPart postgres(Infrastructure infrastructure) {
        return new StackPart() {
            @Override
            public String name() {
                return POSTGRES;
            }

            @Override
            public Status status() {
                if (!infrastructure.isPostgresEmbedded()) {
                    return new Status(POSTGRES, "external", "-", "-", yesNo(canConnect(infrastructure)), "POSTGRES_URL");
                }
                boolean stopped = infrastructure.isPostgresStopped();
                return new Status(POSTGRES, stopped ? "stopped" : "running",
                        infrastructure.postgresPid().isPresent() ? String.valueOf(infrastructure.postgresPid().getAsLong())
                                : "-",
                        String.valueOf(infrastructure.postgresPort()), yesNo(!stopped && canConnect(infrastructure)), "");
            }

            @Override
            public boolean stop(Consumer<String> out) throws IOException {
                if (infrastructure.isPostgresStopped()) {
                    return false;
                }
                out.accept("stopping PostgreSQL (fast shutdown: open connections are cut; the data stays)");
                infrastructure.stopPostgres();
                return true;
            }

            @Override
            public boolean start(Consumer<String> out) throws IOException {
                infrastructure.startPostgres();
                return canConnect(infrastructure);
            }

            @Override
            public boolean isUp() {
                return !infrastructure.isPostgresStopped();
            }
        };
    }

    public static StackPart kafka(Infrastructure infrastructure, StackSettings settings) {
        return new StackPart() {
            @Override
            public String name() {
                return KAFKA;
            }

            @Override
            public Status status() {
                String address = infrastructure.kafkaBootstrapServers();
                if (!infrastructure.isKafkaEmbedded()) {
                    return new Status(KAFKA, "external", "-", "-", yesNo(listens(address)), "KAFKA_BOOTSTRAP_SERVERS");
                }
                boolean stopped = infrastructure.isKafkaStopped();
                return new Status(KAFKA, stopped ? "stopped" : "running",
                        stopped ? "-" : String.valueOf(ProcessHandle.current().pid()),
                        address.substring(address.lastIndexOf(':') + 1), yesNo(!stopped && listens(address)),
                        "in the launcher's JVM");
            }

            @Override
            public boolean stop(Consumer<String> out) {
                if (infrastructure.isKafkaStopped()) {
                    return false;
                }
                out.accept("stopping the Kafka broker (its storage and ports are kept)");
                infrastructure.stopKafka();
                return true;
            }

            @Override
            public boolean start(Consumer<String> out) throws IOException {
                infrastructure.startKafka();
                return listens(infrastructure.kafkaBootstrapServers());
            }

            @Override
            public boolean isUp() {
                return !infrastructure.isKafkaStopped();
            }
        };
    }

    public static StackPart service(SupervisedService service, Duration readyTimeout, Duration stopGrace) {
        return new StackPart() {
            @Override
            public String name() {
                return service.name();
            }

            @Override
            public Status status() throws InterruptedException {
                SupervisedService.Snapshot now = service.snapshot();
                boolean live = now.state() == SupervisedService.State.STARTING
                        || now.state() == SupervisedService.State.RUNNING;
                String note = switch (now.state()) {
                    case RESTARTING -> "attempt " + now.attempt() + ", next try in "
                            + (now.restartIn() == null ? "?"
                                    : Math.max(1, Math.round(now.restartIn().toMillis() / 1000.0)) + " s")
                            + lastExit(now);
                    case EXITED -> lastExit(now).replaceFirst("^, ", "");
                    default -> now.attempt() > 0 ? now.attempt() + " restart(s) since the last reset" + lastExit(now) : "";
                };
                return new Status(now.name(), now.state().label(),
                        now.pid().isPresent() ? String.valueOf(now.pid().getAsLong()) : "-", String.valueOf(now.port()),
                        yesNo(live && service.isReadyNow()), note);
            }

            @Override
            public boolean stop(Consumer<String> out) {
                out.accept("stopping " + service.name() + " (SIGTERM: it finishes the work in hand)");
                return service.stop(stopGrace);
            }

            @Override
            public boolean start(Consumer<String> out) throws IOException, InterruptedException {
                service.start();
                out.accept(service.name() + ": starting (pid " + service.process().pid() + "), waiting for /q/health/ready");
                return service.awaitReady(readyTimeout);
            }

            @Override
            public boolean isUp() {
                SupervisedService.State state = service.state();
                return state == SupervisedService.State.STARTING || state == SupervisedService.State.RUNNING;
            }
        };
    }

    private static String lastExit(SupervisedService.Snapshot now) {
        return now.lastExitCode() == null ? "" : ", last exit code " + now.lastExitCode();
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    private static boolean canConnect(Infrastructure infrastructure) {
        Database database = infrastructure.database();
        String url = database.jdbcUrl() + (database.jdbcUrl().contains("?") ? "&" : "?") + "loginTimeout=3&connectTimeout=3";
        try (Connection ignored = DriverManager.getConnection(url, database.user(), database.password())) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean listens(String bootstrapServers) {
        String first = bootstrapServers.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))),
                    2000);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
