package org.communitypoints.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.communitypoints.contracts.RedemptionReceipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSecretsTest {

    private static final String RECEIPT_SECRET = "REDEMPTION_RECEIPT_SECRET";

    @TempDir
    Path data;

    @Test
    void theFirstStartMakesAnOwnerOnlyEd25519PairAndLaterStartsReuseIt() throws Exception {
        StackSecrets first = StackSecrets.in(data);
        StackSecrets again = StackSecrets.in(data);

        assertEquals(first, again, "the same key on every start");
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(StackSecrets.SEAL_KEY_FILE))));
        KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(ed25519.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(first.sealKey().get("POINTS_SEAL_PRIVATE_KEY")))));
        signer.update(new byte[] { 1, 2, 3 });
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(ed25519.generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(first.sealKey().get("POINTS_SEAL_PUBLIC_KEY")))));
        verifier.update(new byte[] { 1, 2, 3 });
        assertTrue(verifier.verify(signature), "the two halves are one pair");
    }

    @Test
    void theReceiptSecretIsMadeOnceOwnerOnlyAndStrongEnoughForTheServices() throws Exception {
        String secret = StackSecrets.in(data).receiptSecret().get(RECEIPT_SECRET);

        assertEquals(secret, StackSecrets.in(data).receiptSecret().get(RECEIPT_SECRET), "the same secret on every start");
        assertEquals("rw-------", PosixFilePermissions
                .toString(Files.getPosixFilePermissions(data.resolve(StackSecrets.RECEIPT_SECRET_FILE))));
        // what the gateway and points-service do with it at start-up: a shorter one would stop them
        RedemptionReceipt.Secret.of(secret);
        assertFalse(secret.equals(StackSecrets.in(data.resolve("another-stack")).receiptSecret().get(RECEIPT_SECRET)),
                "each stack makes its own");
    }

    @Test
    void eachSecretGoesOnlyToTheServicesThatNeedIt() {
        StackSecrets secrets = StackSecrets.in(data);

        assertEquals(Set.of("POINTS_SEAL_PRIVATE_KEY", "POINTS_SEAL_PUBLIC_KEY", RECEIPT_SECRET),
                secrets.forModule("points-service").keySet());
        assertEquals(Set.of(RECEIPT_SECRET), secrets.forModule("gateway").keySet());
        for (String module : new String[] { "catalog-service", "activity-service", "community-service" }) {
            assertEquals(Map.of(), secrets.forModule(module), module + " holds neither");
        }
    }
}
