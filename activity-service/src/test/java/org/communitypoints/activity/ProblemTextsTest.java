package org.communitypoints.activity;

import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.communitypoints.platform.web.ProblemCatalog;
import org.communitypoints.platform.web.ProblemMessages;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Residents read refusals in Chinese unless their client asks for English; the code never changes. */
@QuarkusTest
class ProblemTextsTest {

    @Test
    void everyProblemCodeHasChineseAndEnglishText() {
        assertEquals(List.of(), ProblemCatalog.defects(ProblemMessages.SERVICE_CATALOG));
    }

    @Test
    void aTakenKindCodeIsExplainedInChineseByDefaultAndInEnglishOnRequest() {
        String community = Fixtures.newCommunity();
        Map<String, Object> kind = Map.of("code", "canteen", "name", "食堂秩序维护", "pointsPerHour", 10,
                "rounding", "DOWN", "minimumMinutes", 0, "dailyCapPoints", 100);
        as(Fixtures.staff(community)).body(kind).when().post("/kinds").then().statusCode(201);

        as(Fixtures.staff(community)).body(kind).when().post("/kinds")
                .then().statusCode(409).body("code", equalTo("KIND_CODE_TAKEN"))
                .body("detail", equalTo("您的社区已经有代码为 canteen 的活动类别了，请换一个代码。"));
        as(Fixtures.staff(community)).header("Accept-Language", "en").body(kind).when().post("/kinds")
                .then().statusCode(409).body("code", equalTo("KIND_CODE_TAKEN"))
                .body("detail", equalTo("Your community already has a kind of activity with the code canteen."));
    }
}
