package org.communitypoints.platform.data;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import org.communitypoints.testsupport.KafkaResource;
import org.communitypoints.testsupport.OidcResource;
import org.communitypoints.testsupport.PostgresResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(OidcResource.class)
class IdempotentRepliesTest {

    @Test
    void aReplayGetsTheFirstStatusBodyAndLocationMarkedAsReplayed() {
        String key = UUID.randomUUID().toString();
        String name = "tea-" + UUID.randomUUID();

        ExtractableResponse<Response> first = book("/idempotent/optional", key, name)
                .then().statusCode(201)
                .header(IdempotentRequests.REPLAYED_HEADER, nullValue())
                .header("Location", endsWith("/idempotent/bookings/" + name))
                .extract();
        ExtractableResponse<Response> replay = book("/idempotent/optional", key, name)
                .then().statusCode(201)
                .header(IdempotentRequests.REPLAYED_HEADER, equalTo("true"))
                .extract();

        assertEquals(first.header("Location"), replay.header("Location"));
        assertEquals(first.body().asString(), replay.body().asString(), "the replay carries the first body, not a rerun");
    }

    @Test
    void withoutAKeyAnOptionalKeyWriteRunsEveryTime() {
        String name = "tea-" + UUID.randomUUID();
        int firstRun = book("/idempotent/optional", null, name).then().statusCode(201).extract().path("run");
        int secondRun = book("/idempotent/optional", null, name).then().statusCode(201)
                .header(IdempotentRequests.REPLAYED_HEADER, nullValue()).extract().path("run");

        assertEquals(firstRun + 1, secondRun);
    }

    @Test
    void aRequiredKeyThatIsMissingIsRefusedNamingTheHeaderAndNothingRuns() {
        int runsBefore = IdempotentEchoResource.RUNS.get();

        book("/idempotent/required", null, "tea").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("IDEMPOTENCY_KEY_REQUIRED"))
                .body("detail", containsString("Idempotency-Key"))
                .body("errors.field", hasItem("Idempotency-Key"));

        assertEquals(runsBefore, IdempotentEchoResource.RUNS.get());
    }

    @Test
    void aRequiredKeyThatIsPresentIsAnsweredOnceAndReplayedWithTheSameStatus() {
        String key = UUID.randomUUID().toString();
        String name = "tea-" + UUID.randomUUID();

        int run = book("/idempotent/required", key, name).then().statusCode(200)
                .header(IdempotentRequests.REPLAYED_HEADER, nullValue()).extract().path("run");
        book("/idempotent/required", key, name).then().statusCode(200)
                .header(IdempotentRequests.REPLAYED_HEADER, equalTo("true"))
                .body("run", equalTo(run));
    }

    private static Response book(String path, String key, String name) {
        var request = given().contentType("application/json").body("{\"name\":\"" + name + "\",\"seats\":2}");
        if (key != null) {
            request.header(IdempotentRequests.HEADER, key);
        }
        return request.when().post(path);
    }
}
