package org.communitypoints.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class IdIndexTest {

    @Test
    void internsEveryKindOfIdAndGivesItBackUnchanged() throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            ids.add(switch (i % 4) {
                case 0 -> UUID.randomUUID().toString();
                case 1 -> Long.toString(i * 7919L);
                case 2 -> "resident-" + i;
                default -> UUID.randomUUID().toString().toUpperCase();
            });
        }
        IdIndex index = new IdIndex();
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i, index.intern(ids.get(i)));
        }
        for (int i = 0; i < ids.size(); i++) {
            assertEquals(i, index.intern(ids.get(i)));
            assertEquals(ids.get(i), index.idAt(i));
        }
        assertEquals(-1, index.find("007"));
        assertEquals(-1, index.find(UUID.randomUUID().toString()));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        index.write(new DataOutputStream(bytes));
        IdIndex read = IdIndex.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(ids.size(), read.size());
        for (int i = 0; i < ids.size(); i += 97) {
            assertEquals(i, read.find(ids.get(i)));
        }
    }
}
