package org.communitypoints.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The local stack's own secrets, made with the JDK on the first start and kept in the data directory (owner-only,
 * mode 600), so what they signed stays valid across restarts. Only this demo stack makes its own; production supplies
 * them. Each goes only to the services that need it:
 * <ul>
 * <li>the seal key (points-service README "Hash chain, seals and proofs"): an Ed25519 pair, POINTS_SEAL_PRIVATE_KEY /
 * POINTS_SEAL_PUBLIC_KEY, to points-service, which seals the months;</li>
 * <li>the redemption receipt secret (README's insider table, "a hold request itself"): REDEMPTION_RECEIPT_SECRET, to
 * the gateway, which signs each redemption request, and points-service, which holds nothing without one; never to
 * catalog-service, whose insiders the receipt is there to stop.</li>
 * </ul>
 */
record StackSecrets(Map<String, String> sealKey, Map<String, String> receiptSecret) {

    static final String SEAL_KEY_FILE = "seal-key.properties";
    static final String RECEIPT_SECRET_FILE = "receipt-secret.properties";

    /** The stack's secrets in {@code dataDir}, made there on the first start. */
    static StackSecrets in(Path dataDir) {
        return new StackSecrets(readOrMake(dataDir, SEAL_KEY_FILE, StackSecrets::newSealKey),
                readOrMake(dataDir, RECEIPT_SECRET_FILE, StackSecrets::newReceiptSecret));
    }

    /** What a service of {@code module} is given of them. */
    Map<String, String> forModule(String module) {
        Map<String, String> env = new HashMap<>();
        if (module.equals("points-service")) {
            env.putAll(sealKey);
        }
        if (module.equals("points-service") || module.equals("gateway")) {
            env.putAll(receiptSecret);
        }
        return env;
    }

    private static List<String> newSealKey() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return List.of(
                    "POINTS_SEAL_PRIVATE_KEY=" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                    "POINTS_SEAL_PUBLIC_KEY=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
    }

    /** 32 random bytes, base64url: the HMAC key's full strength in printable text. */
    private static List<String> newReceiptSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return List.of("REDEMPTION_RECEIPT_SECRET=" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    private static Map<String, String> readOrMake(Path dataDir, String name, Supplier<List<String>> made) {
        Path file = dataDir.resolve(name);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                Path temporary = dataDir.resolve(name + ".new");
                Files.deleteIfExists(temporary);
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(temporary, made.get(), StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
            Map<String, String> env = new HashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    env.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return Map.copyOf(env);
        } catch (IOException e) {
            throw new UncheckedIOException("could not make or read " + file, e);
        }
    }
}
