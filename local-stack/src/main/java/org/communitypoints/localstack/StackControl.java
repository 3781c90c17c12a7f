package org.communitypoints.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The commands a second terminal sends to the running launcher: {@code status}, {@code stop <part>},
 * {@code start <part>}. Each answers in lines for a person and an exit code for the script: 0 done,
 * 1 failed, 2 not understood (an unknown command or part).
 */
public final class StackControl {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int NOT_UNDERSTOOD = 2;

    private final Map<String, StackPart> parts = new LinkedHashMap<>();
    private final Progress progress;

    public StackControl(List<StackPart> parts, Progress progress) {
        parts.forEach(part -> this.parts.put(part.name(), part));
        this.progress = progress;
    }

    /** Carries out one command line, writing the answer's lines to {@code out}; returns the exit code. */
    public int handle(String commandLine, Consumer<String> out) {
        String[] words = commandLine.trim().split("\\s+");
        String command = words[0];
        try {
            switch (command) {
                case "status":
                    if (words.length != 1) {
                        return notUnderstood(out, "status takes no part: it shows them all");
                    }
                    status(out);
                    return OK;
                case "stop":
                case "start":
                    if (words.length != 2) {
                        return notUnderstood(out, command + " needs one part: " + command + " <part>, one of "
                                + String.join(", ", parts.keySet()));
                    }
                    StackPart part = parts.get(words[1]);
                    if (part == null) {
                        return notUnderstood(out, "unknown part '" + words[1] + "': the parts are "
                                + String.join(", ", parts.keySet()));
                    }
                    return command.equals("stop") ? stop(part, out) : start(part, out);
                default:
                    return notUnderstood(out, "unknown command '" + command
                            + "': use status, stop <part> or start <part> (parts: " + String.join(", ", parts.keySet()) + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.accept("interrupted");
            return FAILED;
        } catch (Exception e) {
            out.accept(command + " " + words[words.length - 1] + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    private void status(Consumer<String> out) throws InterruptedException {
        List<StackPart.Status> rows = new ArrayList<>();
        for (StackPart part : parts.values()) {
            rows.add(part.status());
        }
        String format = "%-18s %-11s %-8s %-6s %-6s %s";
        out.accept(String.format(format, "PART", "STATE", "PID", "PORT", "READY", "").stripTrailing());
        for (StackPart.Status row : rows) {
            out.accept(String.format(format, row.part(), row.state(), row.pid(), row.port(), row.ready(), row.note())
                    .stripTrailing());
        }
    }

    private int stop(StackPart part, Consumer<String> out) throws Exception {
        long started = System.nanoTime();
        if (!part.stop(out)) {
            out.accept(part.name() + " was not running");
            return OK;
        }
        String done = part.name() + ": stopped in " + seconds(started) + " (./local-stack.sh start " + part.name()
                + " starts it again)";
        progress.step(done);
        out.accept(done);
        return OK;
    }

    private int start(StackPart part, Consumer<String> out) throws Exception {
        if (part.isUp()) {
            out.accept(part.name() + " is already running");
            return OK;
        }
        long started = System.nanoTime();
        progress.step(part.name() + ": starting (asked by ./local-stack.sh start " + part.name() + ")");
        if (part.start(out)) {
            String done = part.name() + ": ready in " + seconds(started);
            progress.step(done);
            out.accept(done);
            return OK;
        }
        String failed = part.name() + ": not ready after " + seconds(started) + "; see .local/logs/";
        progress.step(failed);
        out.accept(failed);
        return FAILED;
    }

    private static int notUnderstood(Consumer<String> out, String message) {
        out.accept(message);
        return NOT_UNDERSTOOD;
    }

    private static String seconds(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
