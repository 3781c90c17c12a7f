package org.communitypoints.reconciler.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.communitypoints.reconciler.engine.DiscrepancyType;
import org.junit.jupiter.api.Test;

class RunResultsTest {

    @Test
    void everyDiscrepancyTypeBelongsToExactlyOneCheckTheConsoleShows() {
        for (DiscrepancyType type : DiscrepancyType.values()) {
            assertEquals(1, RunResults.CHECKS.values().stream().filter(types -> types.contains(type)).count(),
                    type::name);
        }
        assertEquals(DiscrepancyType.values().length,
                RunResults.CHECKS.values().stream().mapToInt(java.util.List::size).sum());
        assertEquals("chain", RunResults.checkOf(DiscrepancyType.CHAIN_LINK_MISMATCH));
        assertEquals(Arrays.asList("ledger", "shifts", "redemptions", "settlements", "chain", "seals", "expiry",
                "adjustments"),
                java.util.List.copyOf(RunResults.CHECKS.keySet()));
    }
}
