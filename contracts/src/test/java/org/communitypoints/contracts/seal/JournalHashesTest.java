package org.communitypoints.contracts.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class JournalHashesTest {

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(JournalHashes.leaf(("tx" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    @Test
    void everyLeafOfTreesOfOneToFortyLeavesHasAPathToTheRoot() {
        for (int n = 1; n <= 40; n++) {
            List<byte[]> leaves = leaves(n);
            byte[] root = JournalHashes.root(leaves);
            for (int i = 0; i < n; i++) {
                assertTrue(JournalHashes.verifyPath(leaves.get(i), i, n, JournalHashes.auditPath(leaves, i), root),
                        "leaf " + i + " of " + n);
            }
        }
    }

    @Test
    void aPathDoesNotProveAnotherLeafOrAnotherPlace() {
        List<byte[]> leaves = leaves(13);
        byte[] root = JournalHashes.root(leaves);
        List<byte[]> path = JournalHashes.auditPath(leaves, 5);
        assertFalse(JournalHashes.verifyPath(leaves.get(6), 5, 13, path, root));
        assertFalse(JournalHashes.verifyPath(leaves.get(5), 4, 13, path, root));
        // a size whose tree has another shape (the seal's signed count pins the size the verifier uses)
        assertFalse(JournalHashes.verifyPath(leaves.get(5), 5, 7, path, root));
    }

    @Test
    void theTreeOfThreeLeavesIsRfc6962Shaped() {
        List<byte[]> l = leaves(3);
        assertArrayEquals(JournalHashes.node(JournalHashes.node(l.get(0), l.get(1)), l.get(2)), JournalHashes.root(l));
    }

    @Test
    void aFreeTextFieldCannotPassForTwoFields() {
        Instant at = Instant.parse("2026-11-30T08:00:00.123456Z");
        List<CanonicalTransaction.Leg> legs = List.of(new CanonicalTransaction.Leg("RESIDENT", "m1", 5, false),
                new CanonicalTransaction.Leg("ISSUANCE", "", -5, false));
        UUID id = UUID.randomUUID();
        var a = new CanonicalTransaction(id, "wutong", "ADJUSTMENT", "ADJUSTMENT", "c", "staff", null, "a", "b", at, legs);
        var b = new CanonicalTransaction(id, "wutong", "ADJUSTMENT", "ADJUSTMENT", "c", "staff", "a", null, "b", at, legs);
        assertNotEquals(JournalHashes.hex(a.canonicalBytes()), JournalHashes.hex(b.canonicalBytes()));
    }

    @Test
    void aSealStatementReadsBackFromItsSignedText() {
        SealStatement statement = new SealStatement("wu tong", YearMonth.of(2026, 11), 3, "ab", 7, "cd", 100, 40, 10, 0,
                Map.of("SHIFT_CREDIT", 100L), Map.of("canteen=1\nx", 40L), Instant.parse("2026-12-01T00:10:00Z"), "k1");
        assertEquals(statement, SealStatement.parse(statement.text()));
    }
}
