package org.communitypoints.platform.web.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvWriterTest {

    private static String write(List<String> headers, Object[]... rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvWriter csv = CsvWriter.open(out, headers)) {
            for (Object[] row : rows) {
                csv.row(row);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFileStartsWithTheUtf8ByteOrderMarkAndTheHeaderRow() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter.open(out, List.of("日期", "摘要")).flush();
        byte[] start = Arrays.copyOf(out.toByteArray(), 3);

        assertArrayEquals(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, start);
        assertEquals("\uFEFF日期,摘要\r\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void chineseTextIsWrittenAsUtf8Unquoted() {
        assertEquals("\uFEFF活动,积分\r\n茶艺课,20\r\n", write(List.of("活动", "积分"), new Object[] { "茶艺课", 20 }));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a,b|`\"a,b\"`",
            "say \"hi\"|`\"say \"\"hi\"\"\"`",
            "`two\nlines`|`\"two\nlines\"`",
            "`cr\rhere`|`\"cr\rhere\"`",
            "` padded `|`\" padded \"`",
            "plain|plain",
    })
    void fieldsAreQuotedOnlyWhenRfc4180NeedsIt(String value, String expected) {
        assertEquals(expected, CsvWriter.cell(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "=HYPERLINK(\"http://evil.example\",\"点我\")|`\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点我\"\")\"`",
            "+86 138 0000 0000|'+86 138 0000 0000",
            "-2+3|'-2+3",
            "@SUM(A1:A2)|'@SUM(A1:A2)",
            "=1+1|'=1+1",
    })
    void textThatWouldStartAFormulaIsNeutralised(String value, String expected) {
        assertEquals(expected, CsvWriter.cell(value));
    }

    @Test
    void aLeadingTabOrCarriageReturnIsNeutralisedToo() {
        assertEquals("'\t=1+1", CsvWriter.cell("\t=1+1"));
        assertEquals("\"'\r=1+1\"", CsvWriter.cell("\r=1+1"));
    }

    @Test
    void numbersStayNumbersEvenWhenNegative() {
        assertEquals("-20", CsvWriter.cell(-20));
        assertEquals("-9223372036854775808", CsvWriter.cell(Long.MIN_VALUE));
        assertEquals("1000", CsvWriter.cell(new BigDecimal("1E+3")));
        assertEquals("'-20", CsvWriter.cell("-20"));
    }

    @Test
    void nullIsAnEmptyCell() {
        assertEquals("\uFEFFa,b\r\n,x\r\n", write(List.of("a", "b"), new Object[] { null, "x" }));
    }

    @Test
    void headersAreNeutralisedAndQuotedLikeAnyCell() {
        assertEquals("\uFEFF'=cmd,\"a,b\"\r\n", write(List.of("=cmd", "a,b")));
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRefused() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvWriter csv = CsvWriter.open(out, List.of("a", "b"));

        assertThrows(IllegalArgumentException.class, () -> csv.row("only one"));
        assertThrows(IllegalArgumentException.class, () -> csv.row(1, 2, 3));
    }

    @Test
    void theDispositionNamesTheFileInAsciiAndInUtf8() {
        assertEquals("attachment; filename=\"__-2026-11.csv\"; filename*=UTF-8''%E7%A7%AF%E5%88%86-2026-11.csv",
                CsvDownload.contentDisposition("积分-2026-11.csv"));
    }

    @Test
    void theDispositionCannotEscapeItsQuotesOrNameAPath() {
        assertEquals("attachment; filename=\".._.._etc_passwd_.csv\"; filename*=UTF-8''.._.._etc_passwd_.csv",
                CsvDownload.contentDisposition("../../etc/passwd\".csv"));
        assertEquals("attachment; filename=\"export.csv\"; filename*=UTF-8''export.csv",
                CsvDownload.contentDisposition(" .. "));
    }
}
