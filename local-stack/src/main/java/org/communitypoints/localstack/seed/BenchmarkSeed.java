package org.communitypoints.localstack.seed;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.communitypoints.localstack.BenchmarkResidents;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The benchmark residents of 梧桐 (bench-0001 …), made ready for the redemption saga benchmark through the gateway's
 * public API, the way {@link DemoData} makes the demo residents ready: registered by staff as volunteers, a verified
 * four-hour 活动协助 shift each (recorded in one bulk request by the grid worker, verified by staff, the second person;
 * points-service credits it from the event), and a canteen meal whose daily quota no run exhausts.
 * <p>
 * Runs after {@link DemoData} (it needs its activity kinds and canteen) and, like it, on every start: what is there is
 * looked up and only what is missing is created, the writes under fixed Idempotency-Keys. The calls run a few at a
 * time, so a few hundred residents take seconds, not minutes (with the gateway's rate limit off).
 */
public final class BenchmarkSeed {

    /**
     * The meal the saga benchmark redeems: 1 point, so a resident's 60 points hold 60 meals at once (a run at 200
     * redemptions a second over 300 residents holds 20 each until the cancellation phase after it; at the demo lunch's
     * 10 points they ran out after 6), and the largest daily quota the catalog takes. A title of its own: a stack kept
     * from before has the earlier 10-point meal as well, and the saga simulation takes the cheaper of equal quotas.
     */
    public static final String MEAL = "食堂午餐（压测专用，1 积分）";
    static final int MEAL_DAILY_QUOTA = 10_000;
    static final long MEAL_POINTS = 1;
    /** 活动协助: 15 points an hour, so four hours reach the kind's daily cap of 60 (60 benchmark meals held at once). */
    static final String SHIFT_KIND = "event-help";
    static final int SHIFT_HOURS = 4;
    /** The bulk recording's own limit on entries. */
    static final int BULK_ENTRIES = 500;
    /** Enough to overlap the gateway's round trips, few enough to leave the services' 2 cores to the services. */
    private static final int PARALLEL_CALLS = 4;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final GatewayCalls api;
    private final BenchmarkResidents residents;
    private final Consumer<String> progress;
    private final ExecutorService pool;
    private final LocalDate today = LocalDate.now(ZONE);
    private int created;
    private int present;

    private BenchmarkSeed(GatewayCalls api, BenchmarkResidents residents, Consumer<String> progress,
            ExecutorService pool) {
        this.api = api;
        this.residents = residents;
        this.progress = progress;
        this.pool = pool;
    }

    /**
     * Seeds {@code residents} through the gateway at {@code gatewayUrl}; returns at once when there are none.
     *
     * @param tokens tokens for the demo staff (chen-jing) and grid worker (zhao-gang)
     */
    public static DemoData.Summary seed(String gatewayUrl, TokenSource tokens, BenchmarkResidents residents,
            Consumer<String> progress) throws IOException, InterruptedException {
        if (residents.isEmpty()) {
            return new DemoData.Summary(0, 0);
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_CALLS, runnable -> {
            Thread thread = new Thread(runnable, "benchmark-seed");
            thread.setDaemon(true);
            return thread;
        });
        try {
            BenchmarkSeed seeder = new BenchmarkSeed(new GatewayCalls(gatewayUrl, tokens), residents, progress, pool);
            long started = System.nanoTime();
            Set<String> registered = seeder.register();
            seeder.meal();
            Set<String> credited = seeder.credit(registered);
            seeder.awaitCatalogCopy(registered);
            seeder.awaitCredits(credited);
            DemoData.Summary summary = new DemoData.Summary(seeder.created, seeder.present);
            progress.accept(String.format("Benchmark residents %s: %d items created, %d already there (%.1f s)",
                    residents.described(), summary.created(), summary.present(), (System.nanoTime() - started) / 1e9));
            return summary;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every benchmark resident an active volunteer of 梧桐, registered by staff; returns the member ids new now. */
    private Set<String> register() throws IOException, InterruptedException {
        Set<String> active = new HashSet<>();
        for (JsonNode resident : api.get(DemoData.STAFF, "/api/community/residents?status=ACTIVE&limit=2000")) {
            active.add(resident.path("memberId").asText());
        }
        List<Integer> missing = residents.numbers().filter(n -> !active.contains(BenchmarkResidents.subject(n)))
                .boxed().toList();
        inParallel(missing, n -> api.post(DemoData.STAFF, "/api/community/residents", Map.of(
                "memberId", BenchmarkResidents.subject(n), "displayName", String.format("压测居民%04d", n),
                "volunteerState", "REGISTERED"), "bench-resident-" + BenchmarkResidents.username(n)));
        created += missing.size();
        present += residents.count() - missing.size();
        progress.accept("Benchmark residents: " + residents.count() + " volunteers of 梧桐 in the registry ("
                + missing.size() + " registered now)");
        Set<String> registeredNow = new HashSet<>();
        missing.forEach(n -> registeredNow.add(BenchmarkResidents.subject(n)));
        return registeredNow;
    }

    private void meal() throws IOException, InterruptedException {
        for (JsonNode reward : api.get(DemoData.STAFF, "/api/catalog/rewards")) {
            if (reward.path("title").asText().equals(MEAL)) {
                present++;
                return;
            }
        }
        api.post(DemoData.STAFF, "/api/catalog/rewards", Map.of("partnerId", DemoData.CANTEEN, "kind", "MEAL",
                "title", MEAL, "description", "压测专用：" + MEAL_POINTS + " 积分，每天 " + MEAL_DAILY_QUOTA + " 份",
                "points", MEAL_POINTS, "dailyQuota", MEAL_DAILY_QUOTA), null);
        created++;
        progress.accept("Benchmark residents: the meal " + MEAL + " (" + MEAL_POINTS + " points, " + MEAL_DAILY_QUOTA
                + " a day) at " + DemoData.CANTEEN);
    }

    /**
     * A verified shift for each benchmark resident without one: the grid worker records the missing ones in bulk (with
     * verify, which waits for a second person), staff verify each. A shift recorded by an earlier start that was cut
     * off before its verification is verified now, not recorded twice.
     *
     * @param registeredNow residents registered by this run: they have no shifts yet, so their records are not read
     * @return the member ids whose shift was verified now (their credit is still on its way)
     */
    private Set<String> credit(Set<String> registeredNow) throws IOException, InterruptedException {
        List<String> toRecord = new ArrayList<>(registeredNow);
        Map<String, String> toVerify = new ConcurrentHashMap<>(); // shift id → member id
        List<String> earlier = residents.numbers().mapToObj(BenchmarkResidents::subject)
                .filter(member -> !registeredNow.contains(member)).toList();
        Set<String> alreadyCredited = ConcurrentHashMap.newKeySet();
        Set<String> recordedOnly = ConcurrentHashMap.newKeySet();
        inParallel(earlier, member -> {
            JsonNode record = api.get(DemoData.GRID_WORKER, "/api/activity/members/" + member + "/record");
            if (record.path("verifiedShifts").asInt() > 0) {
                alreadyCredited.add(member);
                return;
            }
            for (JsonNode shift : record.path("shifts")) {
                if (shift.path("status").asText().equals("RECORDED")) {
                    toVerify.put(shift.path("id").asText(), member);
                    recordedOnly.add(member);
                    return;
                }
            }
        });
        earlier.stream().filter(member -> !alreadyCredited.contains(member) && !recordedOnly.contains(member))
                .forEach(toRecord::add);
        present += alreadyCredited.size();
        if (!toRecord.isEmpty()) {
            String activityId = activity();
            for (int from = 0; from < toRecord.size(); from += BULK_ENTRIES) {
                List<String> members = toRecord.subList(from, Math.min(toRecord.size(), from + BULK_ENTRIES));
                recordInBulk(activityId, members).path("shifts").forEach(shift -> {
                    if (!shift.path("status").asText().equals("VERIFIED")) {
                        toVerify.put(shift.path("id").asText(), shift.path("memberId").asText());
                    }
                });
            }
        }
        // The grid worker recorded them; a second person confirms (maker-checker): staff verify each.
        inParallel(List.copyOf(toVerify.keySet()), shiftId -> api.post(DemoData.STAFF,
                "/api/activity/shifts/" + shiftId + "/verify", null, "bench-verify-" + shiftId));
        Set<String> verifiedNow = new HashSet<>(toRecord);
        verifiedNow.addAll(toVerify.values());
        created += verifiedNow.size();
        progress.accept("Benchmark residents: a verified " + SHIFT_HOURS + "-hour 活动协助 shift each ("
                + verifiedNow.size() + " verified now, " + alreadyCredited.size() + " earlier)");
        return verifiedNow;
    }

    /** Yesterday morning's canteen help for the benchmark residents; the same activity for every start that day. */
    private String activity() throws IOException, InterruptedException {
        String kindId = null;
        for (JsonNode kind : api.get(DemoData.STAFF, "/api/activity/kinds")) {
            if (kind.path("code").asText().equals(SHIFT_KIND)) {
                kindId = kind.path("id").asText();
            }
        }
        if (kindId == null) {
            throw new IOException("the activity kind " + SHIFT_KIND + " of the demo data is missing");
        }
        LocalDate yesterday = today.minusDays(1);
        LocalTime from = LocalTime.of(8, 0);
        // The capacity is fixed, not the number of residents: the body under this key must be the same on every start.
        return api.post(DemoData.STAFF, "/api/activity/activities", Map.of(
                "title", "压测居民食堂帮厨（" + yesterday + "）", "kindId", kindId, "place", "梧桐社区食堂",
                "startsAt", yesterday.atTime(from).atZone(ZONE).toInstant().toString(),
                "endsAt", yesterday.atTime(from.plusHours(SHIFT_HOURS)).atZone(ZONE).toInstant().toString(),
                "capacity", BenchmarkResidents.MAX), "bench-credited-activity-" + yesterday).path("id").asText();
    }

    /**
     * The bulk recording, asked again while activity-service's copy of the registry has not yet learned of residents
     * registered moments ago (one unknown resident refuses the whole request, which then changes nothing).
     */
    private JsonNode recordInBulk(String activityId, List<String> members) throws IOException, InterruptedException {
        List<Map<String, Object>> entries = members.stream()
                .map(member -> Map.<String, Object> of("memberId", member, "walkIn", true)).toList();
        String key = "bench-credited-shifts-" + activityId + "-" + Integer.toHexString(members.hashCode());
        JsonNode[] recorded = new JsonNode[1];
        DemoData.awaitUntil("activity-service records the benchmark residents' shifts", 60, () -> {
            recorded[0] = api.post(DemoData.GRID_WORKER, "/api/activity/activities/" + activityId + "/shifts/bulk",
                    Map.of("entries", entries, "verify", true), key);
            return true;
        });
        return recorded[0];
    }

    /** Until catalog-service's copy of the registry knows every resident registered now: it refuses strangers. */
    private void awaitCatalogCopy(Set<String> registeredNow) throws IOException, InterruptedException {
        awaitEach("catalog-service knows every benchmark resident registered now", registeredNow, member -> {
            api.get(DemoData.STAFF, "/api/catalog/households/" + member + "/eligibility");
            return true;
        });
    }

    /** Until points-service has credited every shift verified now (it learns of them from activity.shifts). */
    private void awaitCredits(Set<String> verifiedNow) throws IOException, InterruptedException {
        awaitEach("points-service credited every benchmark resident's shift", verifiedNow,
                member -> api.get(DemoData.STAFF, "/api/points/members/" + member + "/balance").path("posted")
                        .asLong() > 0);
        if (!verifiedNow.isEmpty()) {
            progress.accept("Benchmark residents: " + verifiedNow.size() + " shifts credited by points-service");
        }
    }

    private interface MemberCheck {
        boolean holds(String member) throws IOException, InterruptedException;
    }

    /** One deadline for the lot (two minutes), each pass asking only about those still waiting, a few at a time. */
    private void awaitEach(String what, Collection<String> members, MemberCheck check)
            throws IOException, InterruptedException {
        Set<String> waiting = ConcurrentHashMap.newKeySet();
        waiting.addAll(members);
        DemoData.awaitUntil(what, 120, () -> {
            inParallel(List.copyOf(waiting), member -> {
                try {
                    if (check.holds(member)) {
                        waiting.remove(member);
                    }
                } catch (IOException notYet) {
                    // asked again on the next pass
                }
            });
            return waiting.isEmpty();
        });
    }

    private interface Call<T> {
        void run(T item) throws IOException, InterruptedException;
    }

    private <T> void inParallel(Collection<T> items, Call<T> call) throws IOException, InterruptedException {
        List<Future<?>> running = new ArrayList<>();
        for (T item : items) {
            running.add(pool.submit(() -> {
                call.run(item);
                return null;
            }));
        }
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (ExecutionException e) {
                running.forEach(other -> other.cancel(true));
                if (e.getCause() instanceof IOException failed) {
                    throw failed;
                }
                throw new IOException(e.getCause().getMessage(), e.getCause());
            }
        }
    }
}
