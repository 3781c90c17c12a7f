package org.communitypoints.contracts.seal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A sealed month as published ({@code GET /api/points/exports/seals}, and inside every proof): the signed statement
 * text, its Ed25519 signature and the id of the key that made it.
 *
 * @param statement {@link SealStatement#text()}, exactly the bytes signed (UTF-8)
 * @param signature base64 of the 64-byte Ed25519 signature over the statement
 * @param keyId which deployment key signed it (the published key carries the same id)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignedSeal(String statement, String signature, String keyId) {

    public SealStatement parsed() {
        return SealStatement.parse(statement);
    }

    /** Whether the signature is the key's over the statement. */
    public boolean signedBy(PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(statement.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A published key: base64 of its X.509 SubjectPublicKeyInfo (what {@code PublicKey.getEncoded()} gives). */
    public static PublicKey publicKey(String x509Base64) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(x509Base64.trim())));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }
}
