package org.communitypoints.platform.data;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.ProblemException;

/**
 * The position of a reconciliation export: the last row a client has read, as (writer transaction id,
 * sequence). Every export of the suite pages the same way, so the reconciler holds one kind of cursor.
 *
 * <p>
 * <b>Why (writer xid, sequence) and not the sequence alone.</b> Sequences are handed out when a row is
 * written, not when its transaction commits: a row with sequence 7 can become visible after the reader
 * has already read 8 and moved on, and a cursor on the sequence alone would skip it for ever. Instead each
 * exported table stores the writing transaction's id ({@code writer_xid xid8 not null default
 * pg_current_xact_id()}) and the export reads only rows of transactions older than every transaction
 * still running ({@link #GAP_FREE_HORIZON}). A transaction that commits later has an id at or above that
 * horizon, so its rows sort after any cursor handed out before: no gaps and no repeats while writes go on.
 * The price is that a long-running writer holds the export back until it ends.
 *
 * <p>
 * Read the page without a transaction id of your own ({@code @Transactional(NOT_SUPPORTED)} or
 * {@code SUPPORTS} with no write before it): a reader holding an xid would hold back its own horizon.
 *
 * <p>
 * The text form is {@code "<xid>-<sequence>"}, e.g. {@code "7531-42"}, the form activity- and
 * points-service have always handed out, so cursors clients already hold stay valid. Clients treat it as
 * opaque. Typical use:
 *
 * <pre>{@code
 * ExportCursor cursor = ExportCursor.parse(after); // 400 INVALID_CURSOR on garbage
 * int size = ExportCursor.pageSize(limit, 500, 5000); // 400 INVALID_LIMIT out of range
 * List<Row> rows = repository.after(cursor, size); // uses pageCondition(...)
 * return new Page(rows, cursor.next(rows, Row::writerXid, Row::sequence).encode());
 * }</pre>
 *
 * @param writerXid the id ({@code xid8}, as decimal text) of the transaction that wrote the last row read
 * @param sequence the last row's sequence within the table
 */
public record ExportCursor(String writerXid, long sequence) {

    /** Before the first row: what an absent or blank {@code after} means. */
    public static final ExportCursor START = new ExportCursor("0", 0);

    /** The query parameter that carries the cursor; named in the 400 problem. */
    public static final String AFTER_PARAMETER = "after";
    /** The query parameter that carries the page size; named in the 400 problem. */
    public static final String LIMIT_PARAMETER = "limit";

    /**
     * SQL: the id below which every transaction has ended (committed or rolled back). Rows written by
     * transactions older than this can no longer appear behind the reader's back.
     */
    public static final String GAP_FREE_HORIZON = "pg_snapshot_xmin(pg_current_snapshot())";

    private static final Pattern TEXT = Pattern.compile("(\\d{1,20})-(\\d{1,19})");

    public ExportCursor {
        // Normalises the xid text ("007" → "7") and refuses what PostgreSQL could not cast to xid8.
        writerXid = Long.toUnsignedString(Long.parseUnsignedLong(writerXid));
        if (sequence < 0) {
            throw new IllegalArgumentException("a sequence is never negative: " + sequence);
        }
    }

    /**
     * @param after the {@code after} query parameter as the client sent it
     * @return {@link #START} for null or blank, else the position it names
     * @throws ProblemException 400 INVALID_CURSOR naming the {@code after} parameter when it is not a cursor
     *         this suite hands out
     */
    public static ExportCursor parse(String after) {
        if (after == null || after.isBlank()) {
            return START;
        }
        Matcher m = TEXT.matcher(after.trim());
        if (m.matches()) {
            try {
                return new ExportCursor(m.group(1), Long.parseLong(m.group(2)));
            } catch (NumberFormatException e) {
                // digits, but beyond 64 bits: not one we handed out either
            }
        }
        throw invalid();
    }

    /**
     * The suite's one answer to an {@code after} parameter that is not a cursor the export handed out: 400
     * INVALID_CURSOR naming the parameter. For exports whose cursors have a form of their own (the points chain's).
     */
    public static ProblemException invalid() {
        return new ProblemException(400, "INVALID_CURSOR", "Bad Request",
                "after must be a nextCursor returned by this export, or empty to start from the beginning.",
                List.of(new Problem.FieldError(AFTER_PARAMETER, "not a cursor of this export")));
    }

    /**
     * @param limit the {@code limit} query parameter, null when absent
     * @param defaultSize the page size when the client names none
     * @param max the largest page this export serves (memory and statement time are bounded by it)
     * @throws ProblemException 400 INVALID_LIMIT naming the {@code limit} parameter when outside 1..max
     */
    public static int pageSize(Integer limit, int defaultSize, int max) {
        int size = limit == null ? defaultSize : limit;
        if (size < 1 || size > max) {
            throw new ProblemException(400, "INVALID_LIMIT", "Bad Request",
                    "limit must be between 1 and " + max + ".",
                    List.of(new Problem.FieldError(LIMIT_PARAMETER, "must be between 1 and " + max)))
                    .withArgs(String.valueOf(max));
        }
        return size;
    }

    /**
     * The WHERE condition of a page, for JDBC or a native query with two positional {@code ?} parameters:
     * bind {@link #writerXid()} (text, cast to xid8 here) and then {@link #sequence()}. Order the page
     * by {@code xidColumn, seqColumn} and limit it.
     *
     * @param xidColumn the column with the writing transaction's id (type xid8), e.g. {@code p.writer_xid}
     * @param seqColumn the column with the row's sequence, e.g. {@code p.seq}
     */
    public static String pageCondition(String xidColumn, String seqColumn) {
        return "(" + xidColumn + ", " + seqColumn + ") > (cast(? as xid8), ?) and " + xidColumn + " < "
                + GAP_FREE_HORIZON;
    }

    /** The position after the row at (lastRowXid, lastRowSeq): the cursor to hand out after that row. */
    public ExportCursor next(String lastRowXid, long lastRowSeq) {
        return new ExportCursor(lastRowXid, lastRowSeq);
    }

    /**
     * The cursor after a page: after its last row, or this same cursor when the page is empty (the client
     * polls again from where it is; nothing it has not seen is skipped).
     */
    public <T> ExportCursor next(List<T> page, Function<T, String> writerXidOf, ToLongFunction<T> sequenceOf) {
        if (page.isEmpty()) {
            return this;
        }
        T last = page.get(page.size() - 1);
        return next(writerXidOf.apply(last), sequenceOf.applyAsLong(last));
    }

    public boolean isStart() {
        return equals(START);
    }

    /** The text a client holds and sends back as {@code after}: {@code "<xid>-<sequence>"}. */
    public String encode() {
        return writerXid + "-" + sequence;
    }

    @Override
    public String toString() {
        return encode();
    }
}
