package org.communitypoints.activity;

import static org.communitypoints.activity.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.communitypoints.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class SignUpRaceTest {

    @Test
    void twentyResidentsRaceForTheLastPlaceAndExactlyOneGetsIt() throws Exception {
        String community = Fixtures.newCommunity();
        String kindId = Fixtures.kind(community, 10, "DOWN", 0, 100);
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS);
        String activityId = Fixtures.activity(community, kindId, start, start.plus(2, ChronoUnit.HOURS), 3);
        Fixtures.signUp(Fixtures.resident(community, "early"), community, activityId);
        Fixtures.signUp(Fixtures.resident(community, "early"), community, activityId);

        int racers = 20;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            tokens.add(Tokens.resident(Fixtures.resident(community, "racer"), community));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (String token : tokens) {
                Callable<Response> signUp = () -> {
                    go.await();
                    return as(token).when().post("/activities/{id}/sign-ups", activityId);
                };
                answers.add(pool.submit(signUp));
            }
            go.countDown();
            int won = 0;
            int full = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                if (response.statusCode() == 201) {
                    won++;
                } else if (response.statusCode() == 409 && "CAPACITY_FULL".equals(response.jsonPath().getString("code"))) {
                    full++;
                }
            }
            assertEquals(1, won, "exactly one resident gets the last place");
            assertEquals(racers - 1, full, "everyone else hears that the activity is full");
        } finally {
            pool.shutdownNow();
        }
        as(Fixtures.staff(community)).when().get("/activities/{id}/roster", activityId)
                .then().statusCode(200).body("signUps.size()", equalTo(3));
        as(Fixtures.staff(community)).when().get("/activities/{id}", activityId)
                .then().statusCode(200).body("signedUp", equalTo(3)).body("placesLeft", equalTo(0));
    }
}
