package org.communitypoints.platform.web.csv;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The one way the suite writes CSV (passbooks, settlements, reconciliation reports), so that every file opens the
 * same in Excel and WPS and none can run a formula:
 * <ul>
 * <li>UTF-8 with a byte-order mark: without it Excel reads Chinese as mojibake;</li>
 * <li>RFC 4180: CRLF after every row, a field quoted when it holds a comma, a quote, CR or LF, or starts or ends
 * with a space (which spreadsheets would otherwise trim), inner quotes doubled;</li>
 * <li>formula neutralisation: a text cell that starts with {@code = + - @}, TAB or CR gets a leading {@code '}, so
 * a resident's activity titled {@code =HYPERLINK(...)} is shown, not run, on a staff member's computer
 * (OWASP "CSV injection"). Numbers ({@link Number} cells) are written as they are, so {@code -20} stays a number:
 * pass amounts as numbers, not as pre-formatted text;</li>
 * <li>a header row with the column names given when opening, and every row checked to have as many cells.</li>
 * </ul>
 * It writes rows as they come, so an export of any length needs no more memory than one row:
 *
 * <pre>{@code
 * try (CsvWriter csv = CsvWriter.open(out, List.of("日期", "摘要", "积分", "余额"))) {
 *     for (Line line : lines) {
 *         csv.row(line.date(), line.description(), line.amount(), line.balance());
 *     }
 * }
 * }</pre>
 *
 * For an HTTP download use {@link CsvDownload}. {@code null} cells are written empty; other objects by
 * {@code toString()} (format dates and instants the way the readers expect before passing them).
 */
public final class CsvWriter implements Closeable, Flushable {

    /** The media type of every CSV the suite serves. */
    public static final String MEDIA_TYPE = "text/csv; charset=UTF-8";
    static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final String ROW_END = "\r\n";
    /** A text cell starting with one of these is read as a formula (or, TAB and CR, shifted into one) by spreadsheets. */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final Writer out;
    private final int columns;

    private CsvWriter(Writer out, List<String> headers) {
        if (headers.isEmpty()) {
            throw new IllegalArgumentException("a CSV needs at least one column");
        }
        this.out = out;
        this.columns = headers.size();
    }

    /**
     * Starts a CSV on {@code out} (UTF-8): the byte-order mark and the header row. {@link #close()} closes
     * {@code out}; use {@link #flush()} instead when the stream belongs to someone else.
     */
    public static CsvWriter open(OutputStream out, List<String> headers) {
        return open(new OutputStreamWriter(out, StandardCharsets.UTF_8), headers);
    }

    /**
     * Starts a CSV on {@code out}, which must encode UTF-8 (the byte-order mark says so to the reader): the
     * byte-order mark and the header row.
     */
    public static CsvWriter open(Writer out, List<String> headers) {
        CsvWriter csv = new CsvWriter(out instanceof BufferedWriter ? out : new BufferedWriter(out), headers);
        csv.write(String.valueOf(BYTE_ORDER_MARK));
        csv.row(List.copyOf(headers));
        return csv;
    }

    /** Writes one row; as many cells as there are columns. */
    public CsvWriter row(Object... cells) {
        return row(Arrays.asList(cells));
    }

    /** Writes one row; as many cells as there are columns. */
    public CsvWriter row(List<?> cells) {
        if (cells.size() != columns) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells in a CSV of " + columns + " columns");
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        write(line.append(ROW_END).toString());
        return this;
    }

    /** One cell as it appears in the file: neutralised if it is text that would start a formula, then quoted if needed. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString(); // 1E+3 would be read as text by some readers
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return needsQuotes(text) ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static boolean needsQuotes(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' ';
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
