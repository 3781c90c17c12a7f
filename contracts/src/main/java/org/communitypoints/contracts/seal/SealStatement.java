package org.communitypoints.contracts.seal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a monthly seal says about one community's month, in the text that is signed. {@link #text()} is the signed
 * byte layout (UTF-8): one {@code name=value} per line, each line ended by '\n', in this order:
 *
 * <pre>
 * community-points-seal/1
 * community=…            month=YYYY-MM (in the deployment's zone)
 * transactions=…         merkleRoot=hex (RFC 6962 tree over the month's transactions in chain order)
 * chainPosition=…        chainHash=hex (the community's chain head when the month was sealed)
 * issued=… redeemed=… subsidised=… expired=…
 * kind.&lt;KIND&gt;=…          one line per transaction kind that moved points, sorted
 * partner.&lt;partner&gt;=…    one line per partner that received points, sorted
 * sealedAt=ISO-8601 UTC  keyId=…
 * </pre>
 *
 * Ids in names and values are URL-encoded (UTF-8), so an id can never add a line or an '='.
 *
 * @param issued points the issuance account gave out in the month, net (credits, adjustments, fundings, reversals)
 * @param redeemed points partners received for redemptions (captures), subsidies included
 * @param subsidised the part of {@code redeemed} the subsidy pool paid
 * @param expired points that expired into the expiry account
 * @param byKind net points to residents per transaction kind
 * @param byPartner points received per partner
 */
public record SealStatement(
        String communityId,
        YearMonth month,
        long transactions,
        String merkleRoot,
        long chainPosition,
        String chainHash,
        long issued,
        long redeemed,
        long subsidised,
        long expired,
        Map<String, Long> byKind,
        Map<String, Long> byPartner,
        Instant sealedAt,
        String keyId) {

    public static final String LAYOUT = "community-points-seal/1";

    public SealStatement {
        byKind = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byKind));
        byPartner = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byPartner));
    }

    /** The signed text. */
    public String text() {
        StringBuilder s = new StringBuilder(LAYOUT).append('\n');
        line(s, "community", communityId);
        line(s, "month", month.toString());
        line(s, "transactions", Long.toString(transactions));
        line(s, "merkleRoot", merkleRoot);
        line(s, "chainPosition", Long.toString(chainPosition));
        line(s, "chainHash", chainHash);
        line(s, "issued", Long.toString(issued));
        line(s, "redeemed", Long.toString(redeemed));
        line(s, "subsidised", Long.toString(subsidised));
        line(s, "expired", Long.toString(expired));
        byKind.forEach((kind, points) -> line(s, "kind." + encode(kind), Long.toString(points)));
        byPartner.forEach((partner, points) -> line(s, "partner." + encode(partner), Long.toString(points)));
        line(s, "sealedAt", sealedAt.toString());
        line(s, "keyId", keyId);
        return s.toString();
    }

    /** Reads a statement back from its signed text. */
    public static SealStatement parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 2 || !LAYOUT.equals(lines[0]) || !lines[lines.length - 1].isEmpty()) {
            throw new IllegalArgumentException("not a " + LAYOUT + " statement");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        SortedMap<String, Long> kinds = new TreeMap<>();
        SortedMap<String, Long> partners = new TreeMap<>();
        for (int i = 1; i < lines.length - 1; i++) {
            int eq = lines[i].indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " has no '='");
            }
            String name = lines[i].substring(0, eq);
            String value = decode(lines[i].substring(eq + 1));
            if (name.startsWith("kind.")) {
                kinds.put(decode(name.substring(5)), Long.parseLong(value));
            } else if (name.startsWith("partner.")) {
                partners.put(decode(name.substring(8)), Long.parseLong(value));
            } else {
                fields.put(name, value);
            }
        }
        return new SealStatement(fields.get("community"), YearMonth.parse(fields.get("month")),
                Long.parseLong(fields.get("transactions")), fields.get("merkleRoot"),
                Long.parseLong(fields.get("chainPosition")), fields.get("chainHash"), Long.parseLong(fields.get("issued")),
                Long.parseLong(fields.get("redeemed")), Long.parseLong(fields.get("subsidised")),
                Long.parseLong(fields.get("expired")), kinds, partners, Instant.parse(fields.get("sealedAt")),
                fields.get("keyId"));
    }

    private static void line(StringBuilder s, String name, String value) {
        s.append(name).append('=').append(encode(value)).append('\n');
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
