package org.communitypoints.points.domain;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Name-based ids: the same cause always gives the same transaction or answer id, across retries. */
public final class Ids {

    private Ids() {
    }

    public static UUID of(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }

    public static UUID shiftCredit(UUID shiftId) {
        return of("shift-credit", shiftId.toString());
    }

    public static UUID shiftCorrection(UUID correctionId) {
        return of("shift-correction", correctionId.toString());
    }

    public static UUID holdStep(UUID redemptionId, TransactionKind kind) {
        return of("hold", redemptionId.toString(), kind.name());
    }

    /** A transaction is reversed at most once. */
    public static UUID reversal(UUID transactionId) {
        return of("reversal", transactionId.toString());
    }
}
