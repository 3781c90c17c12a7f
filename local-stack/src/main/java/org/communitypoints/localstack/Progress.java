package org.communitypoints.localstack;

import java.io.PrintStream;

/** Progress lines with the time since the stack started: "[ 4.2s] Kafka ready on 127.0.0.1:9092". */
public final class Progress {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public synchronized void step(String message) {
        out.printf("[%5.1fs] %s%n", elapsedSeconds(), message);
        out.flush();
    }

    public synchronized void line(String text) {
        out.println(text);
        out.flush();
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
