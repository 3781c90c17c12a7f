package org.communitypoints.reconciler.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.List;

import org.communitypoints.reconciler.engine.Books;
import org.communitypoints.reconciler.engine.CheckEngine;
import org.communitypoints.reconciler.engine.Discrepancy;
import org.communitypoints.reconciler.engine.DiscrepancyType;
import org.communitypoints.reconciler.model.UnconfirmedRequest;
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
        RunState.Cursors cursors = new RunState.Cursors("1000-2", "2000:1", "7", "refused-3",
                Instant.parse("2026-11-01T08:00:00Z"));
        Path file = work.resolve("state.json");

        RunState.save(file, cursors, engine.state());

        assertTrue(Files.readString(file).startsWith("{\"version\":4,"), () -> readQuietly(file));
        assertFalse(Files.exists(work.resolve("state.json.tmp")), "the temporary file is renamed over the state file");
        RunState.Saved loaded = RunState.load(file);
        assertEquals(cursors, loaded.cursors());
        assertEquals(2, loaded.engine().postingsSeen());
        assertEquals(1, loaded.engine().shifts().size());
    }

    /**
     * A version 4 file as the reconciler wrote it before it read points-service's export of unconfirmed requests: no
     * cursor for that export, no refusal on the redemption rows.
     */
    private static final String VERSION_4_BEFORE_UNCONFIRMED_REQUESTS = """
            {"version":4,
             "cursors":{"journal":"1000-4","shifts":"2000:1","redemptions":"1","lastPostedAt":"2026-11-01T08:00:00Z"},
             "engine":{"postingsSeen":4,
              "accounts":{"resident:li-mei":{"posted":20,"pending":-8},"issuance":{"posted":-20,"pending":0},
                          "partner:wutong-canteen":{"posted":0,"pending":8}},
              "unbalanced":{},"capturedByPartner":{},"communities":["wutong"],
              "shifts":{"s-1":{"known":true,"expected":20,"declaredAtMillis":1793520000000,"memberId":"li-mei",
                               "communityId":"wutong","shiftId":null,"transactions":["t-1"],"reversed":[],"posted":20}},
              "corrections":{},
              "redemptions":{"r-1":{"state":"HELD","captureConfirmed":false,"memberId":"li-mei",
                                    "partnerId":"wutong-canteen","communityId":"wutong","price":8,
                                    "holdExpiresAtMillis":0,"stateSinceMillis":1793520000000,"reasonCode":null,
                                    "firstHoldAtMillis":1793520000000,"captured":0,"holds":["t-2"],"captures":[],
                                    "releases":[]}},
              "lots":{},"expiryFindings":{},"adjustmentFindings":{},"adjustedAlone":{}}}
            """;

    @Test
    void aVersion4FileFromBeforeTheUnconfirmedRequestExportLoadsAndReadsThatExportFromItsStart() throws IOException {
        Path file = work.resolve("state.json");
        Files.writeString(file, VERSION_4_BEFORE_UNCONFIRMED_REQUESTS);

        RunState.Saved loaded = RunState.load(file);

        assertEquals(new RunState.Cursors("1000-4", "2000:1", "1", null, Instant.parse("2026-11-01T08:00:00Z")),
                loaded.cursors(), "a missing cursor is the export's start");
        assertEquals(List.of("t-2"), loaded.engine().redemptions().get("r-1").holds);
        assertNull(loaded.engine().redemptions().get("r-1").unconfirmedRefusal);

        // the resumed checks take the refusals the first run with the export reads, and keep them in the next file
        CheckEngine resumed = new CheckEngine(Duration.ofMinutes(10), Duration.ofDays(31), Books.BOUNDS,
                loaded.engine());
        resumed.unconfirmedRequest(new UnconfirmedRequest("r-2", "li-mei", "wutong-canteen", Books.COMMUNITY,
                "REQUEST_NOT_CONFIRMED", 20, 0, Books.LONG_AGO));
        List<Discrepancy> found = resumed.finish(Instant.parse("2026-11-25T02:00:00Z"));
        assertEquals(List.of(DiscrepancyType.REQUEST_WITHOUT_REDEMPTION + " r-2"),
                found.stream().map(d -> d.type() + " " + d.ids().get("redemptionId")).toList());
        RunState.save(file, loaded.cursors(), resumed.state());
        assertEquals("REQUEST_NOT_CONFIRMED",
                RunState.load(file).engine().redemptions().get("r-2").unconfirmedRefusal.reason);
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
