package org.communitypoints.platform.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportCursorTest {

    @Test
    void noCursorMeansTheStart() {
        assertTrue(ExportCursor.parse(null).isStart());
        assertTrue(ExportCursor.parse("  ").isStart());
        assertEquals("0-0", ExportCursor.START.encode());
    }

    @Test
    void cursorsHandedOutBeforeStillParseToTheSamePosition() {
        ExportCursor cursor = ExportCursor.parse("7531-42");

        assertEquals(new ExportCursor("7531", 42), cursor);
        assertEquals("7531-42", cursor.encode());
        assertEquals("7531-42", cursor.toString());
    }

    @Test
    void theLargestXid8Parses() {
        assertEquals("18446744073709551615-9223372036854775807",
                ExportCursor.parse("18446744073709551615-9223372036854775807").encode());
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "12", "12-", "-5", "12-x", "1-2-3", "18446744073709551616-1", "1-9223372036854775808",
            "123456789012345678901-1" })
    void anythingElseIsAnInvalidCursorNamingTheAfterParameter(String garbage) {
        ProblemException refused = assertThrows(ProblemException.class, () -> ExportCursor.parse(garbage));

        assertEquals(400, refused.status());
        assertEquals("INVALID_CURSOR", refused.code());
        assertEquals(List.of("after"), refused.errors().stream().map(Problem.FieldError::field).toList());
    }

    @Test
    void theNextCursorIsAfterTheLastRowOrStaysWhereItWasOnAnEmptyPage() {
        record Row(String xid, long seq) {
        }
        ExportCursor cursor = ExportCursor.parse("10-3");

        assertEquals("12-9", cursor.next(List.of(new Row("11", 4), new Row("12", 9)), Row::xid, Row::seq).encode());
        assertSame(cursor, cursor.next(List.<Row> of(), Row::xid, Row::seq));
    }

    @Test
    void thePageSizeDefaultsAndIsBounded() {
        assertEquals(500, ExportCursor.pageSize(null, 500, 5000));
        assertEquals(1, ExportCursor.pageSize(1, 500, 5000));
        assertEquals(5000, ExportCursor.pageSize(5000, 500, 5000));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 5001 })
    void aPageSizeOutOfRangeIsAnInvalidLimitNamingTheLimitParameter(int limit) {
        ProblemException refused = assertThrows(ProblemException.class, () -> ExportCursor.pageSize(limit, 500, 5000));

        assertEquals(400, refused.status());
        assertEquals("INVALID_LIMIT", refused.code());
        assertEquals(List.of("limit"), refused.errors().stream().map(Problem.FieldError::field).toList());
    }
}
