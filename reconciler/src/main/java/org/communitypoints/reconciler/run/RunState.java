package org.communitypoints.reconciler.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
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

import org.communitypoints.reconciler.engine.EngineState;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The state file of incremental runs, JSON: {@code {"version": 4, "cursors": {...}, "engine": {...}}} — the
 * cursors of the four paged exports, the time of the newest posting read, and the checks' running totals.
 * A file of another version is refused (the totals' meaning changed; a full run starts afresh). What a version 4
 * file written before a cursor or a total existed does not name starts empty: a missing cursor reads that export from
 * its beginning, which is what a first run with it must do anyway. Written to
 * a temporary file beside it, forced to disk, then renamed over the old one, so a crash leaves either the
 * old state or the new, never half of one.
 */
public final class RunState {

    /**
     * Version 1 was the binary format of earlier releases; version 2 had no expiry lots, which the expiry check cannot
     * resume without; version 3 had not checked the adjustments it had read (a full run reads them all again).
     */
    public static final int VERSION = 4;

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // the channel must stay open after the JSON is written: it is forced to disk before the rename
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private RunState() {
    }

    /**
     * Where each paged export was read to (null: not yet, read it from its beginning).
     *
     * @param unconfirmedRequests points-service's export of the redemption requests it refused for want of
     *        confirmation; absent from the version 4 files written before the reconciler read it
     */
    public record Cursors(String journal, String shifts, String redemptions, String unconfirmedRequests,
            Instant lastPostedAt) {

        public static final Cursors START = new Cursors(null, null, null, null, null);
    }

    /** What a state file holds. */
    public record Saved(Cursors cursors, EngineState engine) {
    }

    /** @throws IOException when the file is not a state file of {@link #VERSION}, with a message saying so */
    public static Saved load(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                JsonParser json = JSON.createParser(in)) {
            if (!startsWithVersion(json)) {
                throw new IOException(file + " is not a reconciler state file (JSON starting with \"version\")");
            }
            int version = json.getIntValue();
            if (version != VERSION) {
                throw new IOException("state file version " + version + " is not the supported version " + VERSION);
            }
            Cursors cursors = Cursors.START;
            EngineState engine = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "cursors" -> cursors = json.readValueAs(Cursors.class);
                    case "engine" -> engine = json.readValueAs(EngineState.class);
                    default -> json.skipChildren();
                }
            }
            if (engine == null) {
                throw new IOException(file + " has no running totals (\"engine\")");
            }
            return new Saved(cursors, engine);
        }
    }

    private static boolean startsWithVersion(JsonParser json) throws IOException {
        try {
            return json.nextToken() == JsonToken.START_OBJECT && json.nextToken() == JsonToken.FIELD_NAME
                    && "version".equals(json.currentName()) && json.nextToken().isNumeric();
        } catch (JsonParseException notJson) {
            return false; // e.g. the binary state of earlier releases
        }
    }

    public static void save(Path file, Cursors cursors, EngineState engine) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeNumberField("version", VERSION);
                json.writeObjectField("cursors", cursors);
                json.writeObjectField("engine", engine);
                json.writeEndObject();
            }
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
