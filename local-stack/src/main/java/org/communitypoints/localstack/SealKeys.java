package org.communitypoints.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The local stack's seal key (points-service README "Hash chain, seals and proofs"): an Ed25519 pair made with the
 * JDK on the first start and kept in the data directory (owner-only, mode 600), so the months the demo seals stay
 * verifiable across restarts. Only this demo stack makes its own key; production supplies its own
 * (POINTS_SEAL_PRIVATE_KEY / POINTS_SEAL_PUBLIC_KEY).
 */
final class SealKeys {

    static final String FILE = "seal-key.properties";

    private SealKeys() {
    }

    /** POINTS_SEAL_PRIVATE_KEY (PKCS#8, base64) and POINTS_SEAL_PUBLIC_KEY (X.509, base64), made once. */
    static Map<String, String> environment(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                Files.createDirectories(dataDir);
                Path temporary = dataDir.resolve(FILE + ".new");
                Files.deleteIfExists(temporary);
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(temporary, List.of(
                        "POINTS_SEAL_PRIVATE_KEY=" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                        "POINTS_SEAL_PUBLIC_KEY=" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())),
                        StandardCharsets.UTF_8);
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            Map<String, String> env = new java.util.HashMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    env.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return env;
        } catch (IOException e) {
            throw new UncheckedIOException("could not make or read the seal key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
    }
}
