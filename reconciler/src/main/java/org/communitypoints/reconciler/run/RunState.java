package org.communitypoints.reconciler.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.communitypoints.reconciler.engine.CheckEngine;

/**
 * The state file of incremental runs: the cursors of the three paged exports, the time of the newest
 * posting read, and the engine's running totals. Written to a temporary file beside it, forced to disk,
 * then renamed over the old one, so a crash leaves either the old state or the new, never half of one.
 */
public final class RunState {

    private static final String MAGIC = "community-points reconciler state";

    private RunState() {
    }

    public record Cursors(String journal, String shifts, String redemptions, Instant lastPostedAt) {

        public static final Cursors START = new Cursors(null, null, null, null);
    }

    public static Cursors load(Path file, CheckEngine engine) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                DataInputStream data = new DataInputStream(in)) {
            if (!MAGIC.equals(data.readUTF())) {
                throw new IOException(file + " is not a reconciler state file");
            }
            Cursors cursors = new Cursors(optional(data.readUTF()), optional(data.readUTF()), optional(data.readUTF()),
                    data.readLong() == 0 ? null : Instant.ofEpochMilli(data.readLong()));
            engine.read(data);
            return cursors;
        }
    }

    public static void save(Path file, Cursors cursors, CheckEngine engine) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            DataOutputStream data = new DataOutputStream(out);
            data.writeUTF(MAGIC);
            data.writeUTF(orEmpty(cursors.journal()));
            data.writeUTF(orEmpty(cursors.shifts()));
            data.writeUTF(orEmpty(cursors.redemptions()));
            if (cursors.lastPostedAt() == null) {
                data.writeLong(0);
            } else {
                data.writeLong(1);
                data.writeLong(cursors.lastPostedAt().toEpochMilli());
            }
            engine.write(data);
            data.flush();
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String optional(String value) {
        return value.isEmpty() ? null : value;
    }
}
