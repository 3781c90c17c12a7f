package org.communitypoints.reconciler.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.communitypoints.reconciler.engine.Books;
import org.communitypoints.reconciler.engine.CheckEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStateTest {

    @TempDir
    Path work;

    @Test
    void savedStateIsVersionedJsonAndLoadsBackWithItsCursors() throws IOException {
        Books books = new Books();
        books.creditedShift("li-mei", 20);
        CheckEngine engine = new CheckEngine(Duration.ofMinutes(10), Duration.ofDays(31),
                org.communitypoints.reconciler.engine.Books.BOUNDS);
        books.postings.forEach(engine::posting);
        RunState.Cursors cursors = new RunState.Cursors("1000-2", "2000:1", "7", Instant.parse("2026-11-01T08:00:00Z"));
        Path file = work.resolve("state.json");

        RunState.save(file, cursors, engine.state());

        assertTrue(Files.readString(file).startsWith("{\"version\":4,"), () -> readQuietly(file));
        assertFalse(Files.exists(work.resolve("state.json.tmp")), "the temporary file is renamed over the state file");
        RunState.Saved loaded = RunState.load(file);
        assertEquals(cursors, loaded.cursors());
        assertEquals(2, loaded.engine().postingsSeen());
        assertEquals(1, loaded.engine().shifts().size());
    }

    @Test
    void stateFileOfAnotherVersionIsRefusedWithAClearMessage() throws IOException {
        Path file = work.resolve("state.json");
        Files.writeString(file, "{\"version\":3,\"cursors\":{},\"engine\":{}}");

        IOException refused = assertThrows(IOException.class, () -> RunState.load(file));

        assertEquals("state file version 3 is not the supported version 4", refused.getMessage());
    }

    @Test
    void binaryStateOfEarlierReleasesIsRefused() throws IOException {
        Path file = work.resolve("state.bin");
        try (OutputStream out = Files.newOutputStream(file); DataOutputStream data = new DataOutputStream(out)) {
            data.writeUTF("community-points reconciler state");
            data.writeInt(3);
        }

        IOException refused = assertThrows(IOException.class, () -> RunState.load(file));

        assertTrue(refused.getMessage().contains("is not a reconciler state file"), refused.getMessage());
    }

    private static String readQuietly(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
