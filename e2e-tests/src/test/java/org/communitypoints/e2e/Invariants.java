package org.communitypoints.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.communitypoints.localstack.DemoUsers;
import org.communitypoints.localstack.seed.DemoData;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What must hold after a fault, checked through the gateway once the load has stopped: every verified shift
 * credited exactly once, every redemption at rest in a state it can stay in, no points held for a closed
 * redemption, no valid event on a dead-letter topic, the canteen's settlement equal to what the ledger
 * captured for it, and the reconciler's run clean. Each check waits (polled) up to {@link #SETTLE} for the
 * asynchronous parts to arrive; one that never holds fails with what it saw.
 */
public final class Invariants {

    /** From the load's stop to everything at rest: generous for a loaded 2-core machine, never a sleep. */
    static final Duration SETTLE = Duration.ofSeconds(90);
    /** A redemption can stay in these; PENDING and FULFILLED are on their way somewhere. */
    static final Set<String> AT_REST = Set.of("CONFIRMED", "REJECTED", "CANCELLED", "EXPIRED", "CAPTURED");

    private final Suite suite;
    private final SteadyLoad load;
    private final PhoneApp phone;

    public Invariants(Suite suite, SteadyLoad load) {
        this.suite = suite;
        this.load = load;
        this.phone = load.phone();
    }

    /** Runs every check; the load must have been stopped. */
    public void assertAllHold() throws Exception {
        assertTrue(load.anomalies().isEmpty(), "the phones got answers they should never get: " + load.anomalies());
        assertTrue(!load.shifts().isEmpty() && !load.redemptions().isEmpty(), "the load did something: " + load.summary());
        everyRedemptionAtRest();
        everyVerifiedShiftCreditedExactlyOnce();
        noPointsHeldForAClosedRedemption();
        noValidEventDeadLettered();
        settlementEqualsCapturedValue();
        VolunteerJourneyIT.assertBooksBalance();
        System.out.println("Invariants hold after " + load.summary());
    }

    /** Every redemption reaches a state it can stay in; those the counter took end CAPTURED, the cancelled CANCELLED. */
    void everyRedemptionAtRest() {
        Map<String, JsonNode> last = new HashMap<>();
        try {
            awaitAtRest(last);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("redemptions of " + load.name() + " not at rest: " + last.values().stream()
                    .filter(r -> !AT_REST.contains(r.path("state").asText())).toList(), e);
        }
        for (SteadyLoad.Redemption r : load.redemptions()) {
            JsonNode now = last.get(r.id());
            String state = now.path("state").asText();
            String what = r.plan() + " redemption " + r.id() + " " + state + " " + now.path("reasonCode").asText("");
            switch (r.plan()) {
                case KEEP -> assertTrue(state.equals("CONFIRMED") || rejectedForLackOfPoints(now), what);
                case TAKE -> assertTrue(state.equals("CAPTURED") || rejectedForLackOfPoints(now), what);
                case CANCEL_AT_ONCE, CANCEL_LATER -> assertTrue(state.equals("CANCELLED") || rejectedForLackOfPoints(now),
                        what);
            }
        }
    }

    private void awaitAtRest(Map<String, JsonNode> last) {
        await("every redemption of " + load.name() + " at rest").atMost(SETTLE).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (SteadyLoad.Redemption r : load.redemptions()) {
                        JsonNode seen = last.get(r.id());
                        if (seen == null || !AT_REST.contains(seen.path("state").asText())
                                || (r.plan() == SteadyLoad.Plan.TAKE && seen.path("state").asText().equals("CONFIRMED"))) {
                            last.put(r.id(), phone.get(r.resident().username(), "/api/catalog/redemptions/" + r.id()).body());
                        }
                    }
                    return last.values().stream().allMatch(r -> AT_REST.contains(r.path("state").asText()));
                });
    }

    private static boolean rejectedForLackOfPoints(JsonNode redemption) {
        return redemption.path("state").asText().equals("REJECTED")
                && redemption.path("reasonCode").asText().equals("INSUFFICIENT_POINTS");
    }

    /**
     * The journal (read as the reconciliation job reads it) has exactly one SHIFT_CREDIT per verified shift, to
     * its volunteer, of its points, and no other credit for the load's residents; their balances agree.
     */
    void everyVerifiedShiftCreditedExactlyOnce() {
        Map<String, Long> expectedPoints = new HashMap<>();
        Map<String, String> expectedMember = new HashMap<>();
        for (SteadyLoad.VerifiedShift shift : load.shifts()) {
            assertEquals(SteadyLoad.SHIFT_POINTS, shift.points(), "a one-minute shift's points: " + shift);
            expectedPoints.put(shift.shiftId(), shift.points());
            expectedMember.put(shift.shiftId(), shift.volunteer().memberId());
        }
        load.startingShifts().forEach((member, shiftId) -> {
            expectedPoints.put(shiftId, SteadyLoad.STARTING_POINTS);
            expectedMember.put(shiftId, member);
        });
        Set<String> members = new HashSet<>(expectedMember.values());
        String[] problem = new String[1];
        try {
            await("every verified shift of " + load.name() + " credited exactly once").atMost(SETTLE)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        problem[0] = creditProblem(readJournal(), expectedPoints, expectedMember, members);
                        return problem[0] == null;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("shift credits: " + problem[0], e);
        }
        for (Suite.Resident volunteer : load.volunteers()) {
            long earned = load.shifts().stream().filter(s -> s.volunteer().equals(volunteer))
                    .mapToLong(SteadyLoad.VerifiedShift::points).sum();
            awaitBalance(volunteer, earned, 0);
        }
    }

    private static String creditProblem(List<JsonNode> journal, Map<String, Long> expectedPoints,
            Map<String, String> expectedMember, Set<String> members) {
        Map<String, Set<String>> transactionsByShift = new HashMap<>();
        Map<String, Long> residentLegByShift = new HashMap<>();
        List<String> strangers = new ArrayList<>();
        for (JsonNode posting : journal) {
            if (!posting.path("kind").asText().equals("SHIFT_CREDIT") || posting.path("pending").asBoolean()) {
                continue;
            }
            String shiftId = posting.path("causeId").asText();
            boolean residentLeg = posting.path("accountType").asText().equals("RESIDENT");
            if (residentLeg && members.contains(posting.path("ownerId").asText()) && !expectedPoints.containsKey(shiftId)) {
                strangers.add(shiftId);
            }
            if (!expectedPoints.containsKey(shiftId)) {
                continue;
            }
            transactionsByShift.computeIfAbsent(shiftId, s -> new HashSet<>()).add(posting.path("transactionId").asText());
            if (residentLeg) {
                if (!posting.path("ownerId").asText().equals(expectedMember.get(shiftId))) {
                    return "shift " + shiftId + " credited to " + posting.path("ownerId").asText() + ", not "
                            + expectedMember.get(shiftId);
                }
                residentLegByShift.merge(shiftId, posting.path("amount").asLong(), Long::sum);
            }
        }
        if (!strangers.isEmpty()) {
            return "credits for shifts the load never had verified: " + strangers;
        }
        List<String> missing = expectedPoints.keySet().stream().filter(s -> !transactionsByShift.containsKey(s)).toList();
        if (!missing.isEmpty()) {
            return missing.size() + " of " + expectedPoints.size() + " verified shifts not credited (yet), e.g. "
                    + missing.subList(0, Math.min(5, missing.size()));
        }
        for (Map.Entry<String, Set<String>> credited : transactionsByShift.entrySet()) {
            if (credited.getValue().size() != 1) {
                return "shift " + credited.getKey() + " credited " + credited.getValue().size() + " times: "
                        + credited.getValue();
            }
            long points = residentLegByShift.getOrDefault(credited.getKey(), 0L);
            if (points != expectedPoints.get(credited.getKey())) {
                return "shift " + credited.getKey() + " credited " + points + " points, not "
                        + expectedPoints.get(credited.getKey());
            }
        }
        return null;
    }

    /** The whole journal, page by page through the gateway, as the reconciler service account. */
    List<JsonNode> readJournal() {
        List<JsonNode> postings = new ArrayList<>();
        String cursor = null;
        while (true) {
            String path = "/api/points/exports/journal?limit=5000"
                    + (cursor == null ? "" : "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            PhoneApp.Answer page = phone.get(DemoUsers.RECONCILER_CLIENT, path);
            assertEquals(200, page.status(), "journal export: " + page);
            JsonNode items = page.body().path("items");
            if (items.isEmpty()) {
                return postings;
            }
            items.forEach(postings::add);
            String next = page.body().path("nextCursor").asText(null);
            if (next == null || next.equals(cursor)) {
                return postings;
            }
            cursor = next;
        }
    }

    /**
     * Each redeemer holds exactly the points of their CONFIRMED redemptions (a cancelled, rejected or captured
     * one holds nothing), and has paid exactly for the captured ones.
     */
    void noPointsHeldForAClosedRedemption() {
        for (Suite.Resident redeemer : load.redeemers()) {
            long held = 0;
            long paid = 0;
            for (SteadyLoad.Redemption r : load.redemptions()) {
                if (!r.resident().equals(redeemer)) {
                    continue;
                }
                String state = phone.get(redeemer.username(), "/api/catalog/redemptions/" + r.id()).body().path("state")
                        .asText();
                held += state.equals("CONFIRMED") ? r.points() : 0;
                paid += state.equals("CAPTURED") ? r.points() : 0;
            }
            awaitBalance(redeemer, SteadyLoad.STARTING_POINTS - paid, held);
        }
    }

    private void awaitBalance(Suite.Resident resident, long posted, long held) {
        JsonNode[] last = new JsonNode[1];
        try {
            await("balance of " + resident.username()).atMost(SETTLE).pollInterval(Duration.ofMillis(500)).until(() -> {
                last[0] = phone.get(resident.username(), "/api/points/me/balance").body();
                return last[0].path("posted").asLong() == posted && last[0].path("held").asLong() == held;
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(resident.username() + " should have posted " + posted + " and held " + held
                    + ", has " + last[0], e);
        }
    }

    /**
     * No record of the load's people on any {@code *.dead-letter} topic is a valid event. Scoped to the load's
     * residents (the events' key): a valid event dead-lettered by an earlier fault fails that fault's test, not every
     * test after it.
     */
    void noValidEventDeadLettered() {
        Set<String> people = new HashSet<>();
        load.volunteers().forEach(r -> people.add(r.memberId()));
        load.redeemers().forEach(r -> people.add(r.memberId()));
        List<DeadLetterTopics.DeadLetter> valid = new DeadLetterTopics(suite.kafkaBootstrapServers()).readAll().stream()
                .filter(letter -> people.contains(letter.key())).filter(DeadLetterTopics.DeadLetter::isValidEvent).toList();
        assertTrue(valid.isEmpty(), "valid events of " + load.name() + " on dead-letter topics: " + valid);
    }

    /**
     * The canteen's settlement since the suite started counts exactly the points the ledger moved to the canteen's
     * account (residents' parts and subsidies), nothing awaits capture, nothing failed, and each of the load's
     * captured meals is a CAPTURED line of its points.
     */
    void settlementEqualsCapturedValue() {
        LocalDate from = suite.startedOn();
        LocalDate to = Community.today();
        String path = "/api/catalog/partners/" + DemoData.CANTEEN + "/settlement?from=" + from + "&to=" + to;
        String[] problem = new String[1];
        try {
            await("the canteen's settlement equals what the ledger captured").atMost(SETTLE)
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        JsonNode settlement = phone.get(Community.CANTEEN_STAFF, path).body();
                        long settled = settlement.path("pointsCaptured").asLong() + settlement.path("subsidyCaptured").asLong();
                        long ledger = canteenAccountPosted();
                        problem[0] = settled != ledger ? "settlement " + settled + " points, the canteen's account " + ledger
                                : settlement.path("awaitingCapture").asLong() != 0
                                        ? settlement.path("awaitingCapture") + " await capture"
                                        : settlement.path("captureFailed").asLong() != 0
                                                ? settlement.path("captureFailed") + " captures failed"
                                                : linesProblem(settlement);
                        return problem[0] == null;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("settlement: " + problem[0], e);
        }
    }

    private String linesProblem(JsonNode settlement) {
        Map<String, JsonNode> lines = new HashMap<>();
        settlement.path("lines").forEach(line -> lines.put(line.path("redemptionId").asText(), line));
        for (SteadyLoad.Redemption r : load.redemptions()) {
            if (r.plan() != SteadyLoad.Plan.TAKE || "REJECTED".equals(r.state())) {
                continue;
            }
            JsonNode line = lines.get(r.id());
            if (line == null || !line.path("state").asText().equals("CAPTURED") || line.path("points").asLong() != r.points()) {
                return "the captured meal " + r.id() + " is " + line + " in the settlement";
            }
        }
        return null;
    }

    private long canteenAccountPosted() {
        long posted = 0;
        for (JsonNode account : phone.get(Community.STAFF, "/api/points/accounts").body()) {
            if (account.path("type").asText().equals("REDEMPTION")
                    && account.path("ownerId").asText().equals(DemoData.CANTEEN)) {
                posted += account.path("posted").asLong();
            }
        }
        return posted;
    }
}
