package org.communitypoints.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    private final RestartBackoff backoff = RestartBackoff.DEFAULT;

    @Test
    void aServiceThatKeepsDyingWaitsTwiceAsLongEachTimeUpToThirtySeconds() {
        List<Long> waits = new ArrayList<>();
        int attempt = 0;
        for (int i = 0; i < 8; i++) {
            RestartBackoff.Restart restart = backoff.next(attempt, null);
            attempt = restart.attempt();
            waits.add(restart.delay().toSeconds());
        }

        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), waits);
        assertEquals(8, attempt);
    }

    @Test
    void aServiceThatWasReadyForAMinuteBeforeDyingStartsTheScheduleOver() {
        RestartBackoff.Restart restart = backoff.next(5, Duration.ofSeconds(60));

        assertEquals(1, restart.attempt());
        assertEquals(Duration.ofSeconds(1), restart.delay());
    }

    @Test
    void aServiceThatWasReadyOnlyBrieflyKeepsClimbingTheSchedule() {
        RestartBackoff.Restart restart = backoff.next(3, Duration.ofSeconds(20));

        assertEquals(4, restart.attempt());
        assertEquals(Duration.ofSeconds(8), restart.delay());
    }

    @Test
    void theCapHoldsForAnyAttemptNumber() {
        assertEquals(Duration.ofSeconds(30), backoff.delay(1_000));
    }
}
