package org.communitypoints.contracts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's word that a signed-in caller asked for this redemption: who asked, for whom (a proxy's
 * {@code On-Behalf-Of}), when, and the redemption's id, which the gateway chose. It is signed with a secret only the
 * gateway and points-service hold (HMAC-SHA256), never catalog-service: catalog passes it on in the hold request, and
 * points-service holds a resident's points only for a receipt that names this redemption and this resident. So someone
 * with catalog-service's database password cannot write a hold request for a resident who never asked, nor use one
 * resident's receipt for another redemption (a redemption is held once).
 *
 * <p>
 * Wire form: {@code v1.<redemption id>.<caller>.<on behalf of>.<issued at, epoch ms>.<mac>}, the ids base64url without
 * padding (an empty field when acting for oneself), the mac over everything before its dot.
 *
 * @param caller the token's subject
 * @param onBehalfOf the resident the caller acts for; null when acting for themself
 * @param issuedAt when the gateway took the request
 */
public record RedemptionReceipt(UUID redemptionId, String caller, String onBehalfOf, Instant issuedAt) {

    /** The header the gateway sends the receipt to catalog-service in (and drops from every caller's request). */
    public static final String HEADER = "Redemption-Receipt";
    /** The header naming the id catalog-service gives the redemption the receipt is for. */
    public static final String REDEMPTION_ID_HEADER = "Redemption-Id";
    /** The shortest secret taken: 32 bytes, HMAC-SHA256's own strength. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public RedemptionReceipt {
        Objects.requireNonNull(redemptionId, "redemptionId");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(issuedAt, "issuedAt");
        onBehalfOf = onBehalfOf == null || onBehalfOf.isBlank() || onBehalfOf.strip().equals(caller) ? null
                : onBehalfOf.strip();
    }

    /** The resident whose points the redemption spends. */
    public String memberId() {
        return onBehalfOf != null ? onBehalfOf : caller;
    }

    /** The proxy who redeemed for the resident; null when the resident acted themself. */
    public String proxyId() {
        return onBehalfOf != null ? caller : null;
    }

    /** The receipt in its wire form, signed with {@code secret}. */
    public String sign(Secret secret) {
        String signed = String.join(".", VERSION, redemptionId.toString(), encode(caller),
                onBehalfOf == null ? "" : encode(onBehalfOf), Long.toString(issuedAt.toEpochMilli()));
        return signed + "." + ENCODER.encodeToString(secret.mac(signed));
    }

    /**
     * The receipt {@code wire} stands for, if {@code secret} signed it; empty for anything else (null, malformed,
     * another version, a signature that does not match).
     */
    public static Optional<RedemptionReceipt> verified(String wire, Secret secret) {
        if (wire == null) {
            return Optional.empty();
        }
        int macAt = wire.lastIndexOf('.');
        String[] fields = wire.split("\\.", -1);
        if (macAt < 0 || fields.length != 6 || !VERSION.equals(fields[0])) {
            return Optional.empty();
        }
        try {
            byte[] given = DECODER.decode(fields[5]);
            if (!MessageDigest.isEqual(secret.mac(wire.substring(0, macAt)), given)) {
                return Optional.empty();
            }
            return Optional.of(new RedemptionReceipt(UUID.fromString(fields[1]), decode(fields[2]),
                    fields[3].isEmpty() ? null : decode(fields[3]), Instant.ofEpochMilli(Long.parseLong(fields[4]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String encode(String text) {
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String field) {
        return new String(DECODER.decode(field), StandardCharsets.UTF_8);
    }

    /** The secret the gateway signs and points-service checks receipts with; never given to catalog-service. */
    public static final class Secret {

        private final SecretKeySpec key;

        private Secret(byte[] bytes) {
            this.key = new SecretKeySpec(bytes, ALGORITHM);
        }

        /**
         * @param configured the secret as configured (UTF-8 text, at least {@link #MIN_SECRET_BYTES} bytes)
         * @throws IllegalArgumentException for a shorter one: start-up should stop, not sign with a guessable key
         */
        public static Secret of(String configured) {
            byte[] bytes = configured == null ? new byte[0] : configured.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException(
                        "a redemption receipt secret needs at least " + MIN_SECRET_BYTES + " bytes");
            }
            return new Secret(bytes);
        }

        byte[] mac(String signed) {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(ALGORITHM + " is part of every Java runtime", e);
            }
        }

        @Override
        public String toString() {
            return "RedemptionReceipt.Secret[hidden]";
        }
    }
}
