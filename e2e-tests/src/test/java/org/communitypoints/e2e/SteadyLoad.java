package org.communitypoints.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.communitypoints.localstack.seed.DemoData;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A steady load through the gateway while a fault is done to the suite: the grid worker records and
 * verifies one-minute shifts for four volunteers, two residents redeem a canteen meal over and over (some
 * cancel at once, some once the voucher is there, some take it to the counter, some keep it), and the
 * canteen's staff take the vouchers meant for the counter. Every request goes through {@link PhoneApp}, which
 * tries again through timeouts and 5xx with the same Idempotency-Key, as the apps do.
 *
 * <p>
 * The load has its own activity kind (120 points an hour, no daily cap, so a shift is worth 2 points however
 * many there are), its own activity and its own meal (3 points, a daily quota no test reaches), so nothing it
 * does depends on or disturbs another test. It records every accepted request ({@link #shifts()},
 * {@link #redemptions()}) for {@link Invariants}, and when each kind of success last happened, for the
 * recovery times.
 */
public final class SteadyLoad {

    /** The kinds of success whose return after a fault is timed. */
    public enum Success {
        /** The grid worker's bulk record-and-verify answered 201. */
        SHIFT_VERIFIED,
        /** A volunteer's balance grew: a verified shift travelled through Kafka to the ledger. */
        SHIFT_CREDITED,
        /** A resident's redemption request answered 202. */
        REDEMPTION_ACCEPTED,
        /** A pending redemption was answered by points-service (CONFIRMED or REJECTED). */
        REDEMPTION_ANSWERED,
        /** The canteen took a voucher at the counter. */
        VOUCHER_TAKEN
    }

    /** What the resident does with a redemption; the plans take turns. */
    public enum Plan {
        /** Keeps the voucher: the points stay held. */
        KEEP,
        /** Cancels at once, usually while it is still PENDING: a hold placed later must be released. */
        CANCEL_AT_ONCE,
        /** Takes the voucher to the canteen: captured, in the settlement. */
        TAKE,
        /** Cancels once the voucher is there: the hold is released. */
        CANCEL_LATER
    }

    /** A shift the suite accepted as verified (201), with the points it is worth. */
    public record VerifiedShift(String shiftId, Suite.Resident volunteer, long points) {
    }

    /** A redemption the suite accepted (202), as the driver last saw it. */
    public static final class Redemption {
        final String id;
        final Suite.Resident resident;
        final Plan plan;
        final long points;
        volatile String state = "PENDING";
        volatile String reasonCode;
        volatile String voucherCode;
        volatile boolean handled;

        Redemption(String id, Suite.Resident resident, Plan plan, long points) {
            this.id = id;
            this.resident = resident;
            this.plan = plan;
            this.points = points;
        }

        public String id() {
            return id;
        }

        public Suite.Resident resident() {
            return resident;
        }

        public Plan plan() {
            return plan;
        }

        public long points() {
            return points;
        }

        public String state() {
            return state;
        }

        public String reasonCode() {
            return reasonCode;
        }

        @Override
        public String toString() {
            return id + " " + plan + " " + state + (reasonCode == null ? "" : " (" + reasonCode + ")");
        }
    }

    static final int POINTS_PER_HOUR = 120;
    static final long SHIFT_POINTS = 2;
    static final long MEAL_POINTS = 3;
    static final int STARTING_SHIFT_MINUTES = 180;
    static final long STARTING_POINTS = STARTING_SHIFT_MINUTES * POINTS_PER_HOUR / 60;
    /** How long a phone keeps trying one request: longer than any outage the tests make. */
    private static final Duration KEEP_TRYING = Duration.ofSeconds(150);

    private final Suite suite;
    private final PhoneApp phone;
    private final String name;
    private final List<Suite.Resident> volunteers;
    private final List<Suite.Resident> redeemers;
    private final String activityId;
    private final Instant activityStartsAt;
    private final String mealId;
    private final Map<Success, Queue<Instant>> successes = new EnumMap<>(Success.class);
    private final List<VerifiedShift> shifts = new CopyOnWriteArrayList<>();
    private final List<Redemption> redemptions = new CopyOnWriteArrayList<>();
    private final Queue<String> anomalies = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> postedSeen = new ConcurrentHashMap<>();
    private final Map<String, String> startingShifts = new LinkedHashMap<>();
    private final AtomicLong nextSlot = new AtomicLong();
    private final List<Thread> generators = new ArrayList<>();
    private Thread counter;
    private volatile boolean generating;
    private volatile boolean counting;

    private SteadyLoad(Suite suite, String name, List<Suite.Resident> volunteers, List<Suite.Resident> redeemers,
            String activityId, Instant activityStartsAt, String mealId) {
        this.suite = suite;
        this.phone = new PhoneApp(suite);
        this.name = name;
        this.volunteers = volunteers;
        this.redeemers = redeemers;
        this.activityId = activityId;
        this.activityStartsAt = activityStartsAt;
        this.mealId = mealId;
        for (Success success : Success.values()) {
            successes.put(success, new ConcurrentLinkedQueue<>());
        }
    }

    /**
     * Staff create the load's kind, activity and meal; four volunteers and two redeemers sign up; the redeemers
     * are credited a three-hour shift ({@value #STARTING_SHIFT_MINUTES} minutes) to spend, awaited.
     */
    public static SteadyLoad prepare(Suite suite, String name) {
        PhoneApp staff = new PhoneApp(suite);
        String code = "e2e-load-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
        PhoneApp.Answer kind = expect(201, staff.send(Community.STAFF, "POST", "/api/activity/kinds",
                Map.of("code", code, "name", "E2E 负载 " + name, "pointsPerHour", POINTS_PER_HOUR, "rounding", "DOWN",
                        "minimumMinutes", 0, "dailyCapPoints", 1_000_000),
                key(), Duration.ofSeconds(30)));
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(20));
        PhoneApp.Answer activity = expect(201, staff.send(Community.STAFF, "POST", "/api/activity/activities",
                Map.of("title", "E2E 稳定负载 " + name, "kindId", kind.body().path("id").asText(), "place", "梧桐社区活动中心",
                        "startsAt", startsAt.toString(), "endsAt", Instant.now().plus(Duration.ofHours(2)).toString(),
                        "capacity", 30),
                key(), Duration.ofSeconds(30)));
        PhoneApp.Answer meal = expect(201, staff.send(Community.STAFF, "POST", "/api/catalog/rewards",
                Map.of("partnerId", DemoData.CANTEEN, "kind", "MEAL", "title", "E2E 负载午餐 " + code,
                        "points", MEAL_POINTS, "dailyQuota", 10_000),
                null, Duration.ofSeconds(30)));
        List<Suite.Resident> volunteers = List.of(suite.newResident(), suite.newResident(), suite.newResident(),
                suite.newResident());
        List<Suite.Resident> redeemers = List.of(suite.newResident(), suite.newResident());
        SteadyLoad load = new SteadyLoad(suite, name, volunteers, redeemers, activity.body().path("id").asText(),
                startsAt, meal.body().path("id").asText());
        load.signUpAndFund();
        return load;
    }

    private void signUpAndFund() {
        List<Suite.Resident> everyone = new ArrayList<>(volunteers);
        everyone.addAll(redeemers);
        for (Suite.Resident resident : everyone) {
            expect(201, phone.send(resident.username(), "POST", "/api/activity/activities/" + activityId + "/sign-ups",
                    null, key(), Duration.ofSeconds(30)));
        }
        // Maker-checker: every volunteer confirms being at the activity by scanning its check-in code once, so the
        // grid worker's verifications of their shifts have a second person behind them.
        String code = phone.getOnce(Community.GRID_WORKER, "/api/activity/activities/" + activityId + "/check-in-code")
                .body().path("code").asText();
        for (Suite.Resident resident : everyone) {
            PhoneApp.Answer scanned = phone.send(resident.username(), "POST",
                    "/api/activity/activities/" + activityId + "/attendance", Map.of("code", code), key(),
                    Duration.ofSeconds(30));
            if (scanned.status() != 200 && scanned.status() != 201) {
                throw new AssertionError(
                        resident.username() + " could not check in: " + scanned.status() + " " + scanned.body());
            }
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Suite.Resident redeemer : redeemers) {
            entries.add(Map.of("memberId", redeemer.memberId(), "startedAt", activityStartsAt.toString(),
                    "endedAt", activityStartsAt.plus(Duration.ofMinutes(STARTING_SHIFT_MINUTES)).toString(),
                    "walkIn", false));
        }
        PhoneApp.Answer funded = expect(201, phone.send(Community.GRID_WORKER, "POST",
                "/api/activity/activities/" + activityId + "/shifts/bulk", Map.of("entries", entries, "verify", true),
                key(), Duration.ofSeconds(30)));
        for (JsonNode shift : funded.body().path("shifts")) {
            startingShifts.put(shift.path("memberId").asText(), shift.path("id").asText());
        }
        await("the redeemers' starting points").atMost(Community.ASYNC).pollInterval(Duration.ofMillis(500))
                .until(() -> redeemers.stream().allMatch(r -> phone.getOnce(r.username(), "/api/points/me/balance")
                        .body().path("posted").asLong() == STARTING_POINTS));
    }

    /** Starts the grid worker, the redeeming residents and the canteen's counter. */
    public SteadyLoad start() {
        generating = true;
        counting = true;
        generators.add(thread("grid-worker", this::verifyShifts));
        generators.add(thread("residents", this::redeemMeals));
        counter = thread("counter", this::takeVouchersAndWatch);
        return this;
    }

    /** Waits until every kind of success has happened at least once: the load is running before the fault. */
    public SteadyLoad awaitRunning(Duration atMost) {
        Instant from = Instant.EPOCH;
        try {
            await("the steady load " + name + " running").atMost(atMost).pollInterval(Duration.ofMillis(250))
                    .until(() -> firstSuccessesAfter(from).size() == Success.values().length);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            generating = false; // no test will stop it: its threads must not run on into the next test
            counting = false;
            throw new AssertionError("the steady load " + name + " never had every kind of success before the fault"
                    + " (a service left broken by an earlier fault?): had only " + firstSuccessesAfter(from).keySet()
                    + "; " + summary() + "; anomalies " + anomalies, e);
        }
        return this;
    }

    /**
     * Waits until every kind of success has happened again after {@code faultEnded}; returns how long after
     * it each one first did.
     */
    public Map<Success, Duration> awaitRecovery(Instant faultEnded, Duration atMost) {
        try {
            await("every kind of success again after the fault (" + name + ")").atMost(atMost)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> firstSuccessesAfter(faultEnded).size() == Success.values().length);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not every kind of success came back within " + atMost.toSeconds()
                    + " s of the fault's end: back " + recoveryAfter(faultEnded) + "; the last passing failures: "
                    + phone.failures().stream().skip(Math.max(0, phone.failures().size() - 5)).toList()
                    + "; anomalies " + anomalies, e);
        }
        return recoveryAfter(faultEnded);
    }

    private Map<Success, Duration> recoveryAfter(Instant faultEnded) {
        Map<Success, Duration> recovery = new EnumMap<>(Success.class);
        firstSuccessesAfter(faultEnded).forEach((success, at) -> recovery.put(success, Duration.between(faultEnded, at)));
        return recovery;
    }

    /** The first moment after {@code after} each kind of success happened, for the kinds that did. */
    public Map<Success, Instant> firstSuccessesAfter(Instant after) {
        Map<Success, Instant> first = new EnumMap<>(Success.class);
        successes.forEach((success, times) -> times.stream().filter(t -> t.isAfter(after)).min(Instant::compareTo)
                .ifPresent(t -> first.put(success, t)));
        return first;
    }

    /** How many requests met a timeout, a refused connection or a 5xx since {@code since}. */
    public long failuresSince(Instant since) {
        return phone.failures().stream().filter(f -> f.at().isAfter(since)).count();
    }

    /**
     * Stops asking for new work, then lets the counter finish what was asked: every pending redemption
     * answered, every voucher meant for the counter taken, every late cancellation done, within {@code atMost}.
     */
    public void stop(Duration atMost) throws InterruptedException {
        generating = false;
        for (Thread generator : generators) {
            generator.join(KEEP_TRYING.plusSeconds(15).toMillis());
            if (generator.isAlive()) {
                anomalies.add(generator.getName() + " did not stop");
            }
        }
        try {
            await("the load's redemptions answered and handled (" + name + ")").atMost(atMost)
                    .pollInterval(Duration.ofMillis(250)).until(() -> redemptions.stream().allMatch(r -> r.handled));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            List<Redemption> stuck = redemptions.stream().filter(r -> !r.handled).toList();
            throw new AssertionError(stuck.size() + " of the load's redemptions never reached a state they can stay in"
                    + " within " + atMost.toSeconds() + " s of the load's stop, e.g. "
                    + stuck.subList(0, Math.min(5, stuck.size())) + "; " + summary(), e);
        } finally {
            counting = false;
            counter.join(KEEP_TRYING.plusSeconds(15).toMillis());
        }
    }

    public String name() {
        return name;
    }

    public PhoneApp phone() {
        return phone;
    }

    public List<Suite.Resident> volunteers() {
        return volunteers;
    }

    public List<Suite.Resident> redeemers() {
        return redeemers;
    }

    public String mealId() {
        return mealId;
    }

    /** Every shift the suite accepted as verified, the redeemers' starting shifts not included. */
    public List<VerifiedShift> shifts() {
        return List.copyOf(shifts);
    }

    /** The redeemers' starting shifts by member id ({@link #STARTING_POINTS} each). */
    public Map<String, String> startingShifts() {
        return Map.copyOf(startingShifts);
    }

    public List<Redemption> redemptions() {
        return List.copyOf(redemptions);
    }

    /** Answers a phone should never get (a 4xx to a well-formed request, a request given up on). */
    public Collection<String> anomalies() {
        return List.copyOf(anomalies);
    }

    public String summary() {
        Map<String, Long> states = new java.util.TreeMap<>();
        redemptions.forEach(r -> states.merge(r.state, 1L, Long::sum));
        return name + ": " + shifts.size() + " shifts verified, " + redemptions.size() + " redemptions " + states
                + ", " + phone.failures().size() + " passing failures met";
    }

    // --- the people

    private void verifyShifts() {
        while (generating) {
            long slot = nextSlot.getAndIncrement();
            Suite.Resident volunteer = volunteers.get((int) (slot % volunteers.size()));
            // Each volunteer's shifts are a minute long, two minutes apart, after the redeemers' starting shifts.
            Instant start = activityStartsAt.plus(Duration.ofMinutes(STARTING_SHIFT_MINUTES + 2 * (slot / volunteers.size())));
            if (start.isAfter(Instant.now().minus(Duration.ofMinutes(2)))) {
                anomalies.add("the load ran out of shift slots");
                return;
            }
            Map<String, Object> entry = Map.of("memberId", volunteer.memberId(), "startedAt", start.toString(),
                    "endedAt", start.plus(Duration.ofMinutes(1)).toString(), "walkIn", false);
            PhoneApp.Answer answer = attempt("record and verify", () -> phone.send(Community.GRID_WORKER, "POST",
                    "/api/activity/activities/" + activityId + "/shifts/bulk",
                    Map.of("entries", List.of(entry), "verify", true), key(), KEEP_TRYING));
            if (answer != null && expected(answer, 201, "record and verify")) {
                JsonNode shift = answer.body().path("shifts").path(0);
                if (!"VERIFIED".equals(shift.path("status").asText())) {
                    anomalies.add("a shift recorded with verify was " + shift);
                }
                shifts.add(new VerifiedShift(shift.path("id").asText(), volunteer, shift.path("points").asLong()));
                successes.get(Success.SHIFT_VERIFIED).add(answer.answeredAt());
            }
            pause(400);
        }
    }

    private void redeemMeals() {
        long n = 0;
        while (generating) {
            Suite.Resident resident = redeemers.get((int) (n % redeemers.size()));
            Plan plan = Plan.values()[(int) (n / redeemers.size() % Plan.values().length)];
            n++;
            PhoneApp.Answer answer = attempt("redeem", () -> phone.send(resident.username(), "POST",
                    "/api/catalog/redemptions", Map.of("rewardId", mealId), key(), KEEP_TRYING));
            if (answer != null && expected(answer, 202, "redeem")) {
                Redemption redemption = new Redemption(answer.body().path("id").asText(), resident, plan,
                        answer.body().path("points").asLong());
                if (redemption.points != MEAL_POINTS) {
                    anomalies.add("a meal of " + MEAL_POINTS + " points was asked " + redemption.points);
                }
                redemptions.add(redemption);
                successes.get(Success.REDEMPTION_ACCEPTED).add(answer.answeredAt());
                if (plan == Plan.CANCEL_AT_ONCE) {
                    cancel(redemption);
                }
            }
            pause(600);
        }
    }

    /** The canteen's counter, and the residents looking at their redemptions and balances. */
    private void takeVouchersAndWatch() {
        int tick = 0;
        while (counting) {
            tick++;
            Suite.Resident volunteer = volunteers.get(tick % volunteers.size());
            PhoneApp.Answer balance = quietly(() -> phone.getOnce(volunteer.username(), "/api/points/me/balance"));
            if (balance != null && balance.is(200)) {
                long posted = balance.body().path("posted").asLong();
                Long before = postedSeen.put(volunteer.memberId(), posted);
                if (before != null && posted > before) {
                    successes.get(Success.SHIFT_CREDITED).add(balance.answeredAt());
                }
            }
            redemptions.stream().filter(r -> !r.handled).limit(8).forEach(this::lookAt);
            pause(300);
        }
    }

    private void lookAt(Redemption redemption) {
        PhoneApp.Answer answer = quietly(() -> phone.getOnce(redemption.resident.username(),
                "/api/catalog/redemptions/" + redemption.id));
        if (answer == null || !answer.is(200)) {
            return;
        }
        String before = redemption.state;
        see(redemption, answer.body());
        if (before.equals("PENDING") && !redemption.state.equals("PENDING") && !redemption.state.equals("CANCELLED")) {
            successes.get(Success.REDEMPTION_ANSWERED).add(answer.answeredAt());
        }
        if (redemption.state.equals("PENDING")) {
            return;
        }
        if (redemption.state.equals("CONFIRMED") && redemption.plan == Plan.TAKE) {
            take(redemption);
        } else if (redemption.state.equals("CONFIRMED") && redemption.plan == Plan.CANCEL_LATER) {
            cancel(redemption);
        }
        redemption.handled = switch (redemption.plan) {
            case KEEP -> true;
            case TAKE -> !redemption.state.equals("CONFIRMED");
            case CANCEL_AT_ONCE, CANCEL_LATER -> !redemption.state.equals("CONFIRMED");
        };
    }

    private void take(Redemption redemption) {
        PhoneApp.Answer answer = attempt("take a voucher", () -> phone.send(Community.CANTEEN_STAFF, "POST",
                "/api/catalog/vouchers/" + redemption.voucherCode + "/fulfil", null, null, KEEP_TRYING));
        if (answer == null) {
            return;
        }
        if (answer.is(200)) {
            see(redemption, answer.body());
            successes.get(Success.VOUCHER_TAKEN).add(answer.answeredAt());
        } else if (answer.is(409) && answer.code().equals("VOUCHER_ALREADY_USED")) {
            // a retry after a timeout whose first try had gone through: the counter sees it taken
            redemption.state = "FULFILLED";
        } else {
            anomalies.add("take the voucher of " + redemption + ": " + answer);
        }
    }

    private void cancel(Redemption redemption) {
        PhoneApp.Answer answer = attempt("cancel", () -> phone.send(redemption.resident.username(), "POST",
                "/api/catalog/redemptions/" + redemption.id + "/cancel", null, null, KEEP_TRYING));
        if (answer == null) {
            return;
        }
        if (answer.is(200)) {
            see(redemption, answer.body());
        } else if (!(answer.is(409) && answer.code().equals("REDEMPTION_NOT_CANCELLABLE"))) {
            // not cancellable: rejected before the cancellation came, which is an end too
            anomalies.add("cancel " + redemption + ": " + answer);
        }
    }

    private static void see(Redemption redemption, JsonNode body) {
        redemption.state = body.path("state").asText(redemption.state);
        redemption.reasonCode = body.path("reasonCode").isMissingNode() ? null : body.path("reasonCode").asText();
        if (body.path("voucher").path("code").isTextual()) {
            redemption.voucherCode = body.path("voucher").path("code").asText();
        }
    }

    // --- plumbing

    private PhoneApp.Answer attempt(String what, java.util.function.Supplier<PhoneApp.Answer> request) {
        try {
            return request.get();
        } catch (PhoneApp.GaveUp e) {
            anomalies.add(what + ": the phone gave up: " + e.getMessage());
            return null;
        } catch (RuntimeException e) {
            anomalies.add(what + ": " + e);
            return null;
        }
    }

    private static PhoneApp.Answer quietly(java.util.function.Supplier<PhoneApp.Answer> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            return null; // a look during a fault: the next tick looks again
        }
    }

    private boolean expected(PhoneApp.Answer answer, int status, String what) {
        if (answer.is(status)) {
            return true;
        }
        anomalies.add(what + ": expected " + status + ", got " + answer);
        return false;
    }

    private static PhoneApp.Answer expect(int status, PhoneApp.Answer answer) {
        if (!answer.is(status)) {
            throw new AssertionError("expected " + status + ", got " + answer);
        }
        return answer;
    }

    private Thread thread(String role, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                anomalies.add(role + " stopped: " + e);
            }
        }, "load-" + name + "-" + role);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The pace of people tapping, not a wait for a condition. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String key() {
        return "e2e-load-" + UUID.randomUUID();
    }
}
