package org.communitypoints.localstack.seed;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The demo community 梧桐社区 (wutong), created through the gateway's public API as its staff, grid
 * worker and residents would: activity kinds with their points rules, upcoming activities, the canteen,
 * the night school and the 小槐花 study room with their rewards (a daily meal quota, dated class sessions
 * with seats, a gift with stock, a means-tested discount), a low-income household, and a first few points
 * for the demo residents (a verified canteen shift and a welcome adjustment) so they can redeem at once.
 *
 * <p>
 * Safe to run on every start: each item is looked up first and only what is missing is created; the
 * writes that accept it carry a fixed Idempotency-Key, so a run cut off half-way is completed, never doubled.
 */
public final class DemoData {

    public static final String COMMUNITY = "wutong";
    public static final String STAFF = "chen-jing";
    public static final String GRID_WORKER = "zhao-gang";
    public static final List<String> RESIDENTS = List.of("li-mei", "zhang-wei", "wang-fang");
    /** The low-income (低保) household of the demo. */
    public static final String ELIGIBLE_RESIDENT = "wang-fang";

    public static final String CANTEEN = "wutong-canteen";
    public static final String NIGHT_SCHOOL = "wutong-night-school";
    public static final String STUDY_ROOM = "wutong-study-room";

    public static final String LUNCH = "食堂爱心午餐（一份）";
    public static final String JAZZ_DANCE = "夜校爵士舞课（一节）";
    public static final String TEA_ART = "夜校茶艺课（一节）";
    public static final String STATIONERY = "小槐花自习室文具礼包";

    /** Points per hour, minimum minutes and daily cap of each kind's first rule. */
    public record KindSeed(String code, String name, int pointsPerHour, int minimumMinutes, int dailyCapPoints) {
    }

    public static final List<KindSeed> KINDS = List.of(
            new KindSeed("canteen-order", "食堂秩序维护", 10, 30, 40),
            new KindSeed("event-help", "活动协助", 15, 30, 60),
            new KindSeed("publicity", "宣传引导", 8, 30, 32),
            new KindSeed("garbage-sorting", "垃圾分类督导", 12, 30, 48),
            new KindSeed("patrol", "社区巡逻", 10, 60, 40));

    /** What a run did: how many items it created and how many were already there. */
    public record Summary(int created, int present) {
    }

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int WELCOME_POINTS = 50;

    private final GatewayCalls api;
    private final Consumer<String> progress;
    private final LocalDate today = LocalDate.now(ZONE);
    private int created;
    private int present;

    private DemoData(GatewayCalls api, Consumer<String> progress) {
        this.api = api;
        this.progress = progress;
    }

    /**
     * Seeds the demo community through the gateway at {@code gatewayUrl}.
     *
     * @param tokens tokens for the demo users (chen-jing, zhao-gang, li-mei, zhang-wei, wang-fang)
     * @param progress one line per step, for the launcher's console
     */
    public static Summary seed(String gatewayUrl, TokenSource tokens, Consumer<String> progress)
            throws IOException, InterruptedException {
        DemoData seeder = new DemoData(new GatewayCalls(gatewayUrl, tokens), progress);
        Map<String, String> kindIds = seeder.kinds();
        seeder.upcomingActivities(kindIds);
        seeder.partners();
        seeder.rewards();
        Map<String, String> memberIds = seeder.memberIds();
        seeder.eligibility(memberIds.get(ELIGIBLE_RESIDENT));
        seeder.firstPoints(kindIds.get("canteen-order"), memberIds);
        Summary summary = new Summary(seeder.created, seeder.present);
        progress.accept("Demo data of 梧桐社区: " + summary.created() + " items created, " + summary.present()
                + " already there");
        return summary;
    }

    /**
     * Seeds a stack that is already running: {@code java -cp local-stack/target/local-stack-launcher.jar
     * org.communitypoints.localstack.seed.DemoData [gatewayUrl] [tokenEndpoint]} (defaults: the local stack's
     * http://localhost:8080 and http://localhost:8180/community/token).
     */
    public static void main(String[] args) throws Exception {
        String gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        String tokenEndpoint = args.length > 1 ? args[1] : "http://localhost:8180/community/token";
        seed(gateway, new PasswordGrantTokens(tokenEndpoint), System.out::println);
    }

    private Map<String, String> kinds() throws IOException, InterruptedException {
        Map<String, String> ids = new LinkedHashMap<>();
        for (JsonNode kind : api.get(STAFF, "/api/activity/kinds")) {
            ids.put(kind.path("code").asText(), kind.path("id").asText());
        }
        for (KindSeed kind : KINDS) {
            if (ids.containsKey(kind.code())) {
                present++;
                continue;
            }
            JsonNode answer = api.post(STAFF, "/api/activity/kinds", Map.of(
                    "code", kind.code(), "name", kind.name(), "pointsPerHour", kind.pointsPerHour(),
                    "rounding", "DOWN", "minimumMinutes", kind.minimumMinutes(),
                    "dailyCapPoints", kind.dailyCapPoints()), "demo-kind-" + kind.code());
            ids.put(kind.code(), answer.path("id").asText());
            created++;
        }
        progress.accept("Demo data: activity kinds " + String.join(", ", KINDS.stream().map(KindSeed::name).toList()));
        return ids;
    }

    private void upcomingActivities(Map<String, String> kindIds) throws IOException, InterruptedException {
        record Planned(String title, String kind, String place, int inDays, LocalTime from, LocalTime to, int capacity) {
        }
        List<Planned> planned = List.of(
                new Planned("社区食堂午餐秩序维护", "canteen-order", "梧桐社区食堂", 1, LocalTime.of(11, 0), LocalTime.of(13, 0), 6),
                new Planned("夜校结课展演现场协助", "event-help", "梧桐社区活动中心", 2, LocalTime.of(18, 30), LocalTime.of(21, 0), 10),
                new Planned("垃圾分类政策宣传", "publicity", "梧桐社区广场", 3, LocalTime.of(9, 0), LocalTime.of(11, 0), 8),
                new Planned("垃圾分类投放点督导", "garbage-sorting", "3号楼投放点", 3, LocalTime.of(7, 0), LocalTime.of(9, 0), 4),
                new Planned("晚间平安巡逻", "patrol", "梧桐社区各楼栋", 4, LocalTime.of(19, 0), LocalTime.of(21, 0), 6));
        List<String> upcoming = new ArrayList<>();
        for (JsonNode activity : api.get(STAFF, "/api/activity/activities")) {
            upcoming.add(activity.path("title").asText());
        }
        for (Planned p : planned) {
            if (upcoming.contains(p.title())) {
                present++;
                continue;
            }
            LocalDate day = today.plusDays(p.inDays());
            api.post(STAFF, "/api/activity/activities", Map.of(
                    "title", p.title(), "kindId", kindIds.get(p.kind()), "place", p.place(),
                    "startsAt", day.atTime(p.from()).atZone(ZONE).toInstant().toString(),
                    "endsAt", day.atTime(p.to()).atZone(ZONE).toInstant().toString(),
                    "capacity", p.capacity()), "demo-activity-" + p.kind() + "-" + day);
            created++;
        }
        progress.accept("Demo data: " + planned.size() + " upcoming activities");
    }

    private void partners() throws IOException, InterruptedException {
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        wanted.put(CANTEEN, List.of("梧桐社区食堂", "CANTEEN"));
        wanted.put(NIGHT_SCHOOL, List.of("梧桐市民艺术夜校", "NIGHT_SCHOOL"));
        wanted.put(STUDY_ROOM, List.of("小槐花自习室", "STUDY_ROOM"));
        List<String> existing = new ArrayList<>();
        for (JsonNode partner : api.get(STAFF, "/api/catalog/partners")) {
            existing.add(partner.path("id").asText());
        }
        for (Map.Entry<String, List<String>> partner : wanted.entrySet()) {
            if (existing.contains(partner.getKey())) {
                present++;
                continue;
            }
            api.post(STAFF, "/api/catalog/partners", Map.of("id", partner.getKey(), "name", partner.getValue().get(0),
                    "kind", partner.getValue().get(1)), null);
            created++;
        }
        progress.accept("Demo data: partners 梧桐社区食堂, 梧桐市民艺术夜校, 小槐花自习室");
    }

    private void rewards() throws IOException, InterruptedException {
        Map<String, JsonNode> existing = new LinkedHashMap<>();
        for (JsonNode reward : api.get(STAFF, "/api/catalog/rewards")) {
            existing.put(reward.path("title").asText(), reward);
        }
        reward(existing, Map.of("partnerId", CANTEEN, "kind", "MEAL", "title", LUNCH,
                "description", "两荤一素一汤，当天在社区食堂使用", "points", 10, "dailyQuota", 50,
                "discount", Map.of("percent", 50, "categories", List.of("LOW_INCOME", "DISABILITY"))));
        JsonNode jazz = reward(existing, Map.of("partnerId", NIGHT_SCHOOL, "kind", "CLASS_SEAT", "title", JAZZ_DANCE,
                "description", "市民艺术夜校爵士舞课，每周二晚", "points", 30,
                "discount", Map.of("points", 10, "categories", List.of("LOW_INCOME"))));
        JsonNode tea = reward(existing, Map.of("partnerId", NIGHT_SCHOOL, "kind", "CLASS_SEAT", "title", TEA_ART,
                "description", "市民艺术夜校茶艺课，每周四晚", "points", 25));
        reward(existing, Map.of("partnerId", STUDY_ROOM, "kind", "GOODS", "title", STATIONERY,
                "description", "给小槐花自习室孩子们的文具", "points", 15, "stock", 30, "validDays", 30));
        sessions(jazz, DayOfWeek.TUESDAY, 12);
        sessions(tea, DayOfWeek.THURSDAY, 10);
        progress.accept("Demo data: rewards " + LUNCH + ", " + JAZZ_DANCE + ", " + TEA_ART + ", " + STATIONERY);
    }

    private JsonNode reward(Map<String, JsonNode> existing, Map<String, Object> request)
            throws IOException, InterruptedException {
        JsonNode found = existing.get((String) request.get("title"));
        if (found != null) {
            present++;
            return found;
        }
        created++;
        return api.post(STAFF, "/api/catalog/rewards", request, null);
    }

    /** The next four weekly evening sessions (19:00–20:30), each added once. */
    private void sessions(JsonNode reward, DayOfWeek day, int capacity) throws IOException, InterruptedException {
        String id = reward.path("id").asText();
        List<Instant> have = new ArrayList<>();
        for (JsonNode session : api.get(STAFF, "/api/catalog/rewards/" + id).path("sessions")) {
            have.add(Instant.parse(session.path("startsAt").asText()));
        }
        LocalDate first = today.plusDays(1).with(TemporalAdjusters.nextOrSame(day));
        for (int week = 0; week < 4; week++) {
            LocalDate date = first.plusWeeks(week);
            Instant startsAt = date.atTime(19, 0).atZone(ZONE).toInstant();
            if (have.contains(startsAt)) {
                present++;
                continue;
            }
            api.post(STAFF, "/api/catalog/rewards/" + id + "/sessions", Map.of("startsAt", startsAt.toString(),
                    "endsAt", date.atTime(20, 30).atZone(ZONE).toInstant().toString(), "capacity", capacity), null);
            created++;
        }
    }

    /** Each resident's member id is the subject of their token: points-service names it in their balance. */
    private Map<String, String> memberIds() throws IOException, InterruptedException {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String resident : RESIDENTS) {
            ids.put(resident, api.get(resident, "/api/points/me/balance").path("memberId").asText());
        }
        return ids;
    }

    private void eligibility(String memberId) throws IOException, InterruptedException {
        JsonNode tags = api.get(STAFF, "/api/catalog/households/" + memberId + "/eligibility").path("categories");
        for (JsonNode tag : tags) {
            if (tag.asText().equals("LOW_INCOME")) {
                present++;
                progress.accept("Demo data: " + ELIGIBLE_RESIDENT + "'s household is tagged 低保 (LOW_INCOME)");
                return;
            }
        }
        api.put(STAFF, "/api/catalog/households/" + memberId + "/eligibility/LOW_INCOME");
        created++;
        progress.accept("Demo data: " + ELIGIBLE_RESIDENT + "'s household is tagged 低保 (LOW_INCOME)");
    }

    /**
     * A two-hour canteen shift yesterday, recorded and verified by the grid worker (credited by points-service
     * from the event), and a welcome adjustment by staff, for each demo resident who has neither yet.
     */
    private void firstPoints(String canteenKindId, Map<String, String> memberIds) throws IOException, InterruptedException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Map.Entry<String, String> resident : memberIds.entrySet()) {
            JsonNode record = api.get(GRID_WORKER, "/api/activity/members/" + resident.getValue() + "/record");
            if (record.path("verifiedShifts").asInt() > 0) {
                present++;
            } else {
                entries.add(Map.of("memberId", resident.getValue(), "walkIn", true));
            }
        }
        if (!entries.isEmpty()) {
            LocalDate yesterday = today.minusDays(1);
            JsonNode activity = api.post(STAFF, "/api/activity/activities", Map.of(
                    "title", "社区食堂午餐秩序维护（" + yesterday + "）", "kindId", canteenKindId, "place", "梧桐社区食堂",
                    "startsAt", yesterday.atTime(11, 0).atZone(ZONE).toInstant().toString(),
                    "endsAt", yesterday.atTime(13, 0).atZone(ZONE).toInstant().toString(),
                    "capacity", 10), "demo-credited-activity-" + yesterday);
            String members = Integer.toHexString(entries.toString().hashCode());
            api.post(GRID_WORKER, "/api/activity/activities/" + activity.path("id").asText() + "/shifts/bulk",
                    Map.of("entries", entries, "verify", true), "demo-credited-shifts-" + yesterday + "-" + members);
            created += entries.size();
        }
        // From the community's adjustments, not the residents' passbooks: points-service answers 404 for a member
        // without an account yet, which a resident whose shift is still being credited is.
        Set<String> welcomedMembers = new HashSet<>();
        for (JsonNode adjustment : api.get(STAFF, "/api/points/adjustments?limit=200")) {
            welcomedMembers.add(adjustment.path("memberId").asText());
        }
        for (Map.Entry<String, String> resident : memberIds.entrySet()) {
            if (welcomedMembers.contains(resident.getValue())) {
                present++;
                continue;
            }
            api.post(STAFF, "/api/points/adjustments", Map.of("memberId", resident.getValue(), "points", WELCOME_POINTS,
                    "reason", "欢迎使用积分存折（演示积分）"), "demo-welcome-" + resident.getKey());
            created++;
        }
        progress.accept("Demo data: " + String.join(", ", RESIDENTS) + " have a verified canteen shift and "
                + WELCOME_POINTS + " welcome points");
    }
}
