package org.communitypoints.points.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.contracts.seal.JournalHashes;
import org.communitypoints.contracts.seal.SignedSeal;
import org.communitypoints.points.config.PointsConfig;

import io.quarkus.runtime.Startup;

/**
 * The deployment's Ed25519 seal key (JDK's built-in {@code Ed25519}). A key pair that does not match is refused at
 * start-up, so a misconfigured deployment never publishes a key its seals do not verify with.
 */
@ApplicationScoped
@Startup
public class SealKeyService {

    /** The published key: its id (first 16 hex digits of SHA-256 of the encoded public key) and encoding. */
    public record PublishedKey(String keyId, String algorithm, String publicKey) {
    }

    private final Optional<PrivateKey> privateKey;
    private final Optional<PublishedKey> published;

    public SealKeyService(PointsConfig config) {
        if (config.seal().privateKey().isEmpty() || config.seal().publicKey().isEmpty()) {
            privateKey = Optional.empty();
            published = Optional.empty();
            return;
        }
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(config.seal().privateKey().get().trim())));
            PublicKey publicKey = SignedSeal.publicKey(config.seal().publicKey().get());
            String keyId = JournalHashes.hex(JournalHashes.sha256(publicKey.getEncoded())).substring(0, 16);
            SignedSeal probe = new SignedSeal("probe", sign(key, "probe"), keyId);
            if (!probe.signedBy(publicKey)) {
                throw new IllegalStateException("points.seal.public-key is not the public half of points.seal.private-key");
            }
            privateKey = Optional.of(key);
            published = Optional.of(new PublishedKey(keyId, "Ed25519",
                    Base64.getEncoder().encodeToString(publicKey.getEncoded())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("points.seal.private-key is not a base64 PKCS#8 Ed25519 key", e);
        }
    }

    public Optional<PublishedKey> published() {
        return published;
    }

    public boolean canSign() {
        return privateKey.isPresent();
    }

    /** Signs the statement's UTF-8 bytes; base64 of the 64-byte signature. */
    public String sign(String statement) {
        return sign(privateKey.orElseThrow(() -> new IllegalStateException("no seal key configured")), statement);
    }

    public String keyId() {
        return published.orElseThrow(() -> new IllegalStateException("no seal key configured")).keyId();
    }

    private static String sign(PrivateKey key, String statement) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(statement.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
