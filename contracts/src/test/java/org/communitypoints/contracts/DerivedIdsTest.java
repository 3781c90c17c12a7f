package org.communitypoints.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DerivedIdsTest {

    private static final UUID SHIFT = UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e");

    @Test
    void theSameCauseAlwaysGivesTheSameId() {
        assertEquals(DerivedIds.of("shift-credit", SHIFT.toString()), DerivedIds.of("shift-credit", SHIFT.toString()));
    }

    @Test
    void theRecipeIsTheLedgersSoBookedTransactionIdsStayTheSame() {
        // points-service domain/Ids.of before this class existed.
        UUID ledgerRecipe = UUID.nameUUIDFromBytes(
                String.join("|", "hold", SHIFT.toString(), "HOLD").getBytes(StandardCharsets.UTF_8));

        assertEquals(ledgerRecipe, DerivedIds.of("hold", SHIFT.toString(), "HOLD"));
    }

    @Test
    void theRecipeIsPinnedToAKnownValue() {
        // Computed once; an id that changes here would change every id the suite has ever derived.
        assertEquals(UUID.fromString("5334c609-73f5-3793-920e-0313ec3dc517"), DerivedIds.of("answer", "r-1", "PointsHeld"));
    }

    @Test
    void aSinglePartIsHashedAsItIsSoOlderRecipesKeepTheirIds() {
        UUID activityRecipe = UUID.nameUUIDFromBytes(("ShiftVerified:" + SHIFT).getBytes(StandardCharsets.UTF_8));
        UUID catalogRecipe = UUID.nameUUIDFromBytes(("catalog:" + SHIFT + ":hold").getBytes(StandardCharsets.UTF_8));

        assertEquals(activityRecipe, DerivedIds.of("ShiftVerified:" + SHIFT));
        assertEquals(catalogRecipe, DerivedIds.of("catalog:" + SHIFT + ":hold"));
    }

    @Test
    void differentKindsOfIdForOneCauseDiffer() {
        assertNotEquals(DerivedIds.of("shift-credit", SHIFT.toString()), DerivedIds.of("shift-correction", SHIFT.toString()));
    }

    @Test
    void derivedIdsAreNameBasedVersion3Uuids() {
        assertEquals(3, DerivedIds.of("x").version());
    }

    @Test
    void aMissingPartIsRefusedRatherThanHashedAsTheWordNull() {
        assertThrows(NullPointerException.class, () -> DerivedIds.of("shift-credit", null));
        assertThrows(IllegalArgumentException.class, DerivedIds::of);
    }
}
