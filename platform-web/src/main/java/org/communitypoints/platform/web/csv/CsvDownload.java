package org.communitypoints.platform.web.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * A CSV file as the answer of a JAX-RS resource method: {@code text/csv; charset=UTF-8}, written by
 * {@link CsvWriter} while it is sent, with a Content-Disposition that makes browsers save it under a name in
 * Chinese or English (RFC 6266: an ASCII {@code filename} for old clients, the real name in {@code filename*}).
 *
 * <pre>{@code
 * &#64;GET
 * &#64;Path("{partnerId}/settlement.csv")
 * &#64;Produces(CsvWriter.MEDIA_TYPE)
 * &#64;RolesAllowed({ Roles.STAFF, Roles.PARTNER })
 * public Response settlementCsv(@PathParam("partnerId") String partnerId, ...) {
 *     SettlementResponse s = ...; // load everything first: the rows are written after the method returns
 *     return CsvDownload.of("结算-" + partnerId + ".csv", List.of("日期", "商品", "积分"),
 *             csv -> s.lines().forEach(l -> csv.row(l.day(), l.title(), l.points())));
 * }
 * }</pre>
 *
 * The rows are written after the resource method returned, outside its transaction: hand over data already
 * loaded, not a lazy query.
 */
public final class CsvDownload {

    private CsvDownload() {
    }

    /** What writes the rows (the header row is already written). */
    @FunctionalInterface
    public interface Rows {
        void writeTo(CsvWriter csv) throws IOException;
    }

    /**
     * @param filename the name the file is saved under, e.g. {@code "积分明细-2026-11.csv"}
     * @param headers the column names, written as the first row
     */
    public static Response of(String filename, List<String> headers, Rows rows) {
        List<String> columns = List.copyOf(headers);
        StreamingOutput body = out -> {
            CsvWriter csv = CsvWriter.open(out, columns);
            rows.writeTo(csv);
            csv.flush(); // not close(): the stream belongs to the server
        };
        return Response.ok(body, CsvWriter.MEDIA_TYPE)
                .header("Content-Disposition", contentDisposition(filename))
                // Statements name residents and their points: not for shared caches.
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /**
     * {@code attachment; filename="____-2026-11.csv"; filename*=UTF-8''%E7%A7%AF...}: the ASCII name with every
     * other character replaced, and the real name percent-encoded (RFC 6266, RFC 8187).
     */
    public static String contentDisposition(String filename) {
        String name = safe(filename);
        return "attachment; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + percentEncoded(name);
    }

    /** No path separators, quotes or controls: the name is only ever a file name in the downloads folder. */
    private static String safe(String filename) {
        StringBuilder safe = new StringBuilder();
        filename.codePoints().forEach(c -> safe.appendCodePoint(
                c < 0x20 || c == 0x7F || c == '/' || c == '\\' || c == '"' ? '_' : c));
        String name = safe.toString().strip();
        return name.isEmpty() || name.chars().allMatch(c -> c == '.') ? "export.csv" : name;
    }

    private static String asciiFallback(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F ? (char) c : '_'));
        return ascii.toString();
    }

    /** RFC 8187 value-chars: attr-char as is, every other byte of the UTF-8 encoding as %XX. */
    private static String percentEncoded(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isAttrChar(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    private static boolean isAttrChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$&+-.^_`|~".indexOf(c) >= 0;
    }
}
