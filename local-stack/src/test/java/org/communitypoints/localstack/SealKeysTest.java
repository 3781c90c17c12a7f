package org.communitypoints.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealKeysTest {

    @TempDir
    Path data;

    @Test
    void theFirstStartMakesAnOwnerOnlyEd25519PairAndLaterStartsReuseIt() throws Exception {
        Map<String, String> first = SealKeys.environment(data);
        Map<String, String> again = SealKeys.environment(data);

        assertEquals(first, again, "the same key on every start");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(SealKeys.FILE))));
        KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(ed25519.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(first.get("POINTS_SEAL_PRIVATE_KEY")))));
        signer.update(new byte[] { 1, 2, 3 });
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(ed25519.generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(first.get("POINTS_SEAL_PUBLIC_KEY")))));
        verifier.update(new byte[] { 1, 2, 3 });
        assertTrue(verifier.verify(signature), "the two halves are one pair");
    }
}
