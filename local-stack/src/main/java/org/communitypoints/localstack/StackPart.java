package org.communitypoints.localstack;

import java.util.function.Consumer;

/** A part of the running stack that {@code ./local-stack.sh stop|start <part>} controls and status reports. */
public interface StackPart {

    /** The name the user types: postgres, kafka, points-service … */
    String name();

    /** One status row, looked at now. */
    Status status() throws InterruptedException;

    /**
     * Stops the part alone, keeping its data; tells {@code out} what happened.
     *
     * @return false if it was not running
     */
    boolean stop(Consumer<String> out) throws Exception;

    /**
     * Starts the part again and waits until it is ready, telling {@code out} how it goes.
     *
     * @return false if it did not get ready
     */
    boolean start(Consumer<String> out) throws Exception;

    /** True when it runs (or is on its way to); a start is then refused as needless. */
    boolean isUp();

    /**
     * @param state running, stopped, starting, restarting …
     * @param pid a process id, or "-" when none
     * @param ready yes or no, looked at now
     * @param note anything else worth a word (a restart's attempt, an external server)
     */
    record Status(String part, String state, String pid, String port, String ready, String note) {
    }
}
