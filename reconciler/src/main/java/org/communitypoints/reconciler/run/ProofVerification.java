package org.communitypoints.reconciler.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;

import org.communitypoints.contracts.seal.SignedSeal;
import org.communitypoints.contracts.seal.TransactionProof;
import org.communitypoints.reconciler.client.CouldNotRunException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * {@code verify-proof --proof=FILE [--key=BASE64 | --key-file=FILE | --key-url=URL]}: checks a resident's proof
 * ({@code GET /api/points/me/proofs/{transactionId}}, saved as JSON) with nothing but the public key: no database,
 * no account. Without a key option the key is fetched, without a token, from the gateway's well-known address.
 */
public final class ProofVerification {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** The outcome: what fails (empty when the proof holds) and what was proven. */
    public record Result(List<String> problems, TransactionProof proof) {
    }

    private ProofVerification() {
    }

    public static Result verify(Path proofFile, PublicKey key) {
        TransactionProof proof;
        try {
            proof = JSON.readValue(Files.readAllBytes(proofFile), TransactionProof.class);
        } catch (IOException e) {
            throw new CouldNotRunException("could not read the proof " + proofFile + ": " + e.getMessage(), e);
        }
        if (proof.transaction() == null || proof.seal() == null || proof.auditPath() == null) {
            throw new CouldNotRunException("the file " + proofFile + " is not a transaction proof");
        }
        return new Result(proof.problems(key), proof);
    }

    /**
     * The key from an option: {@code --key=BASE64}, {@code --key-file=FILE} (the base64 or the key JSON),
     * {@code --key-url=URL}.
     */
    public static PublicKey key(String option, String gatewayUrl) {
        try {
            if (option == null) {
                return fromJson(fetch(gatewayUrl.replaceAll("/+$", "") + "/.well-known/community-points-seal-key"));
            }
            if (option.startsWith("--key=")) {
                return SignedSeal.publicKey(option.substring("--key=".length()));
            }
            if (option.startsWith("--key-file=")) {
                String text = Files.readString(Path.of(option.substring("--key-file=".length()))).trim();
                return text.startsWith("{") ? fromJson(text) : SignedSeal.publicKey(text);
            }
            if (option.startsWith("--key-url=")) {
                return fromJson(fetch(option.substring("--key-url=".length())));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CouldNotRunException("could not read the public key: " + e.getMessage(), e);
        }
        throw new CouldNotRunException("unknown key option " + option);
    }

    private static PublicKey fromJson(String json) throws IOException {
        JsonNode key = JSON.readTree(json).get("publicKey");
        if (key == null) {
            throw new IOException("no publicKey in " + json);
        }
        return SignedSeal.publicKey(key.asText());
    }

    private static String fetch(String url) throws IOException {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(url + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        }
    }
}
