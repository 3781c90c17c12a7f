package org.communitypoints.testsupport;

import java.nio.file.Path;

import org.communitypoints.embedded.KraftBroker;

/** The in-process KRaft broker shared by every test of this JVM (configured in embedded-servers). */
public final class EmbeddedKafka {

    private static KraftBroker shared;

    private EmbeddedKafka() {
    }

    /** The broker shared by every test of this JVM, started on first use, stopped when the JVM exits. */
    public static synchronized KraftBroker shared() {
        if (shared == null) {
            shared = KraftBroker.startFresh(Path.of(System.getProperty("java.io.tmpdir")),
                    Integer.getInteger("test.kafka.partitions", 3));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }
}
