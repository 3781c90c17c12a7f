package org.communitypoints.community;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.communitypoints.platform.web.ProblemCatalog;
import org.communitypoints.platform.web.ProblemMessages;
import org.junit.jupiter.api.Test;

class ProblemTextsTest {

    @Test
    void everyProblemCodeHasChineseAndEnglishText() {
        assertEquals(List.of(), ProblemCatalog.defects(ProblemMessages.SERVICE_CATALOG));
    }
}
