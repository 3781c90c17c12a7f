package org.communitypoints.contracts.seal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A journal transaction as the hash chain, the monthly seal and the proofs cover it. {@link #canonicalBytes()} is the
 * one byte layout every hash is computed over; it is written down here (and in points-service/README.md, "Canonical
 * form") so that anyone can recompute it without this code:
 *
 * <pre>
 * canonical = field("community-points-tx/1")
 *           ‖ field(transactionId) ‖ field(communityId) ‖ field(kind) ‖ field(causeType) ‖ field(causeId)
 *           ‖ field(actor) ‖ field(approvedBy) ‖ field(reason) ‖ field(description)
 *           ‖ field(postedAt as decimal microseconds since 1970-01-01T00:00:00Z)
 *           ‖ field(number of legs, decimal)
 *           ‖ for each leg in journal order: field(accountType) ‖ field(ownerId) ‖ field(amount, decimal) ‖ field("P" posted | "H" held)
 * field(s)  = 4-byte big-endian length of UTF-8(s) ‖ UTF-8(s);  field(null) = FF FF FF FF (no bytes follow)
 * </pre>
 *
 * Ids are lower-case UUID text; decimals are plain ASCII with a leading '-' when negative. A length prefix (rather
 * than a separator) keeps descriptions and reasons, which are free text, from ever being read as two fields.
 *
 * @param kind the transaction kind's name (text, not an enum: the layout must not depend on the reader's version)
 * @param approvedBy the second staff member, null when none was needed
 * @param reason staff's reason, null when none
 * @param postedAt when it was booked, at the journal's microsecond precision
 * @param legs the postings in journal order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CanonicalTransaction(
        UUID transactionId,
        String communityId,
        String kind,
        String causeType,
        String causeId,
        String actor,
        @Schema(nullable = true) String approvedBy,
        @Schema(nullable = true) String reason,
        String description,
        Instant postedAt,
        List<Leg> legs) {

    /** The version tag that opens every canonical form. */
    public static final String LAYOUT = "community-points-tx/1";

    /**
     * One posting.
     *
     * @param accountType RESIDENT, ISSUANCE, REDEMPTION, SUBSIDY_POOL, EXPIRY
     * @param ownerId member id, partner id, or "" for the community's own accounts
     * @param amount signed points
     * @param pending true for a hold leg
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Leg(String accountType, String ownerId, long amount, boolean pending) {
    }

    public CanonicalTransaction {
        legs = List.copyOf(legs);
        postedAt = postedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The bytes every hash of this transaction is computed over (layout above). */
    public byte[] canonicalBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        field(out, LAYOUT);
        field(out, transactionId.toString());
        field(out, communityId);
        field(out, kind);
        field(out, causeType);
        field(out, causeId);
        field(out, actor);
        field(out, approvedBy);
        field(out, reason);
        field(out, description);
        field(out, Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, postedAt)));
        field(out, Integer.toString(legs.size()));
        for (Leg leg : legs) {
            field(out, leg.accountType());
            field(out, leg.ownerId());
            field(out, Long.toString(leg.amount()));
            field(out, leg.pending() ? "H" : "P");
        }
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(new byte[] { -1, -1, -1, -1 });
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }
}
