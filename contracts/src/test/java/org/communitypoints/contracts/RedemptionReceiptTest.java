package org.communitypoints.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RedemptionReceiptTest {

    private static final RedemptionReceipt.Secret SECRET = RedemptionReceipt.Secret
            .of("the gateway's and points-service's own secret");
    private static final UUID REDEMPTION = UUID.fromString("3f2e1d0c-9b8a-4f7e-8d6c-5b4a3f2e1d0c");
    private static final Instant AT = Instant.parse("2026-11-20T09:29:58.123Z");

    @Test
    void aSignedReceiptIsReadBackAsItWasGiven() {
        RedemptionReceipt proxied = new RedemptionReceipt(REDEMPTION, "worker-zhao", "resident-li-mei", AT);

        RedemptionReceipt read = RedemptionReceipt.verified(proxied.sign(SECRET), SECRET).orElseThrow();

        assertEquals(proxied, read);
        assertEquals("resident-li-mei", read.memberId());
        assertEquals("worker-zhao", read.proxyId());
    }

    @Test
    void aResidentActingForThemselfIsNobodysProxy() {
        for (String onBehalfOf : new String[] { null, "", "  ", " resident-li-mei " }) {
            RedemptionReceipt own = new RedemptionReceipt(REDEMPTION, "resident-li-mei", onBehalfOf, AT);
            RedemptionReceipt read = RedemptionReceipt.verified(own.sign(SECRET), SECRET).orElseThrow();
            assertEquals("resident-li-mei", read.memberId());
            assertNull(read.proxyId(), "acting for " + onBehalfOf);
        }
    }

    @Test
    void anyChangedFieldOrAnotherSecretIsNotAReceipt() {
        String wire = new RedemptionReceipt(REDEMPTION, "resident-li-mei", null, AT).sign(SECRET);
        String[] fields = wire.split("\\.", -1);
        String forgedResident = wire.replace(fields[2],
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("resident-wang-fang".getBytes()));
        String forgedRedemption = wire.replace(fields[1], UUID.randomUUID().toString());
        String laterTime = wire.replace(fields[4], Long.toString(AT.toEpochMilli() + 1));

        for (String forged : new String[] { forgedResident, forgedRedemption, laterTime }) {
            assertTrue(RedemptionReceipt.verified(forged, SECRET).isEmpty(), forged);
        }
        RedemptionReceipt.Secret other = RedemptionReceipt.Secret.of("someone else's secret of thirty-two bytes");
        assertTrue(RedemptionReceipt.verified(wire, other).isEmpty());
        String signedByOther = new RedemptionReceipt(REDEMPTION, "resident-li-mei", null, AT).sign(other);
        assertTrue(RedemptionReceipt.verified(signedByOther, SECRET).isEmpty());
    }

    @Test
    void malformedReceiptsAreNotReceipts() {
        String wire = new RedemptionReceipt(REDEMPTION, "resident-li-mei", null, AT).sign(SECRET);
        for (String malformed : new String[] { null, "", "v1", wire.replace("v1.", "v2."), wire + ".extra",
                wire.substring(0, wire.lastIndexOf('.')), wire.replace(REDEMPTION.toString(), "not-a-uuid"),
                wire.substring(0, wire.lastIndexOf('.') + 1) + "!!!" }) {
            assertTrue(RedemptionReceipt.verified(malformed, SECRET).isEmpty(), String.valueOf(malformed));
        }
    }

    @Test
    void aShortSecretStopsStartUp() {
        assertThrows(IllegalArgumentException.class, () -> RedemptionReceipt.Secret.of("too short"));
        assertThrows(IllegalArgumentException.class, () -> RedemptionReceipt.Secret.of(null));
        assertEquals("RedemptionReceipt.Secret[hidden]", SECRET.toString());
    }
}
