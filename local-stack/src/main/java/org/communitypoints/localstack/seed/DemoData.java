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
 * worker and residents would. First the registry (community-service): every demo resident of 梧桐 and 西马路 in a
 * household, 王芳's household 低保 for this year, and 何静 as proxy of her mother 何兰 (78); then, once the other
 * services' copies of the registry hold them: activity kinds with their points rules, upcoming activities, the canteen,
 * the night school and the 小槐花 study room with their rewards (a daily meal quota, dated class sessions
 * with seats, a gift with stock, a means-tested discount), the subsidy pool, and a first few points
 * for the demo residents (a verified canteen shift and a welcome adjustment) so they can redeem at once.
 *
 * <p>
 * Safe to run on every start: each item is looked up first and only what is missing is created; the
 * writes that accept it carry a fixed Idempotency-Key, so a run cut off half-way is completed, never doubled.
 */
public final class DemoData {

    public static final String COMMUNITY = "wutong";
    public static final String STAFF = "chen-jing";
    /** A second staff member of 梧桐, who approves what {@link #STAFF} asks for (adjustments, pool fundings). */
    public static final String SECOND_STAFF = "lin-tao";
    static final long POOL_FUNDING = 1000;
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

    /** 何兰, 78, who lives alone; her daughter 何静 acts for her (代办) with her consent, recorded by staff. */
    public static final String ELDER = "he-lan";
    public static final String ELDERS_DAUGHTER = "he-jing";
    /** The demo resident and staff member of 西马路社区 (ximalu). */
    public static final String XIMALU_RESIDENT = "zhou-min";
    public static final String XIMALU_STAFF = "wu-hua";

    /** A demo resident as the registry holds them; {@code age} gives the birth year. */
    record ResidentSeed(String user, String staff, String name, String household, String phone, int age,
            boolean volunteer) {
    }

    static final List<ResidentSeed> REGISTRY = List.of(
            new ResidentSeed("li-mei", STAFF, "李梅", "3栋2单元301 李家", "13834561101", 45, true),
            new ResidentSeed("zhang-wei", STAFF, "张伟", "1栋1单元201 张家", "13834561102", 38, true),
            new ResidentSeed("wang-fang", STAFF, "王芳", "5栋1单元102 王家", "13834561103", 52, true),
            new ResidentSeed(ELDER, STAFF, "何兰", "2栋3单元402 何家", "03517281104", 78, false),
            new ResidentSeed(ELDERS_DAUGHTER, STAFF, "何静", "6栋1单元501 何静家", "13834561105", 49, true),
            new ResidentSeed(XIMALU_RESIDENT, XIMALU_STAFF, "周敏", "8栋2单元302 周家", "13934561111", 41, true));

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
     * @param tokens tokens for the demo users (chen-jing, lin-tao, wu-hua, zhao-gang, li-mei, zhang-wei, wang-fang,
     *        he-lan, he-jing, zhou-min)
     * @param progress one line per step, for the launcher's console
     */
    public static Summary seed(String gatewayUrl, TokenSource tokens, Consumer<String> progress)
            throws IOException, InterruptedException {
        DemoData seeder = new DemoData(new GatewayCalls(gatewayUrl, tokens), progress);
        // The registry first: the other services refuse members the registry has not announced.
        Map<String, String> registered = seeder.registry();
        Map<String, String> kindIds = seeder.kinds();
        seeder.upcomingActivities(kindIds);
        seeder.partners();
        seeder.rewards();
        Map<String, String> memberIds = new LinkedHashMap<>();
        RESIDENTS.forEach(resident -> memberIds.put(resident, registered.get(resident)));
        seeder.awaitCopies(registered);
        seeder.subsidyPool();
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

    /**
     * Every demo resident registered in a household of their community (by their community's staff), 王芳's
     * household tagged 低保 for this year, and 何静 named by staff as her mother 何兰's proxy for a year, with the
     * consent form on record. Then waits until every resident reads their own registration back.
     */
    private Map<String, String> registry() throws IOException, InterruptedException {
        Map<String, String> households = new LinkedHashMap<>();
        Set<String> registered = new HashSet<>();
        for (String staff : List.of(STAFF, XIMALU_STAFF)) {
            for (JsonNode household : api.get(staff, "/api/community/households?limit=2000")) {
                households.put(household.path("name").asText(), household.path("id").asText());
            }
            for (JsonNode resident : api.get(staff, "/api/community/residents?limit=2000")) {
                registered.add(resident.path("memberId").asText());
            }
        }
        Map<String, String> memberIds = new LinkedHashMap<>();
        for (ResidentSeed seed : REGISTRY) {
            String householdId = households.get(seed.household());
            if (householdId == null) {
                householdId = api.post(seed.staff(), "/api/community/households", Map.of("name", seed.household()),
                        "demo-household-" + seed.user()).path("id").asText();
                households.put(seed.household(), householdId);
                created++;
            }
            String memberId = api.subjectOf(seed.user());
            memberIds.put(seed.user(), memberId);
            if (registered.contains(memberId)) {
                present++;
                continue;
            }
            api.post(seed.staff(), "/api/community/residents", Map.of("memberId", memberId, "displayName", seed.name(),
                    "householdId", householdId, "phone", seed.phone(), "birthYear", today.getYear() - seed.age(),
                    "volunteerState", seed.volunteer() ? "REGISTERED" : "NONE"), "demo-resident-" + seed.user());
            created++;
        }
        progress.accept("Demo data: registry of 梧桐 and 西马路: " + String.join(", ", REGISTRY.stream()
                .map(ResidentSeed::user).toList()) + " in their households");
        dibao(households.get("5栋1单元102 王家"));
        elderProxy(memberIds.get(ELDER), memberIds.get(ELDERS_DAUGHTER));
        for (ResidentSeed seed : REGISTRY) {
            awaitRegistered(seed.user());
        }
        return memberIds;
    }

    /** 王芳's household: 低保 (minimum living allowance) from 1 January to 31 December of this year. */
    private void dibao(String householdId) throws IOException, InterruptedException {
        for (JsonNode category : api.get(STAFF, "/api/community/households/" + householdId).path("categories")) {
            if (category.path("code").asText().equals("DIBAO") && category.path("validToday").asBoolean()) {
                present++;
                return;
            }
        }
        api.put(STAFF, "/api/community/households/" + householdId + "/categories/DIBAO", Map.of(
                "validFrom", today.withDayOfYear(1).toString(), "validUntil", today.withMonth(12).withDayOfMonth(31)
                        .toString(),
                "evidenceNote", "低保证（演示）：民政局 " + today.getYear() + " 年度审核通过"));
        created++;
        progress.accept("Demo data: " + ELIGIBLE_RESIDENT + "'s household is tagged 低保 (DIBAO) for " + today.getYear());
    }

    /** 何静 acts for her mother 何兰: every scope, a year, her consent recorded by staff 陈静. */
    private void elderProxy(String elder, String daughter) throws IOException, InterruptedException {
        for (JsonNode grant : api.get(STAFF, "/api/community/residents/" + elder + "/proxies")) {
            if (grant.path("proxyId").asText().equals(daughter) && grant.path("state").asText().equals("ACTIVE")) {
                present++;
                return;
            }
        }
        api.post(STAFF, "/api/community/residents/" + elder + "/proxies", Map.of("proxyId", daughter,
                "relation", "FAMILY", "scopes", List.of("PASSBOOK_READ", "REDEEM", "SIGN_UP"),
                "validUntil", today.plusYears(1).atStartOfDay(ZONE).toInstant().toString(),
                "consentNote", "何兰本人签字的代办同意书（演示）"), "demo-proxy-" + ELDER + "-" + today.getYear());
        created++;
        progress.accept("Demo data: " + ELDERS_DAUGHTER + " (何静) acts for her mother " + ELDER
                + " (何兰, 78): passbook, redemptions and sign-ups for a year");
    }

    /** Until the resident reads their own registration back (at most 30 s). */
    private void awaitRegistered(String user) throws IOException, InterruptedException {
        awaitUntil(user + " is an active resident of the registry", 30,
                () -> api.get(user, "/api/community/me").path("status").asText().equals("ACTIVE"));
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

    /**
     * Until the other services' copies of the registry hold what was seeded (they learn it from community.registry,
     * not from a call): catalog-service prices 王芳's lunch as 低保, points-service lets 何静 read her mother's
     * balance. Points and shifts seeded next need those copies.
     */
    private void awaitCopies(Map<String, String> memberIds) throws IOException, InterruptedException {
        String wangFang = memberIds.get(ELIGIBLE_RESIDENT);
        awaitCopy("catalog-service: " + ELIGIBLE_RESIDENT + "'s household 低保", () -> {
            for (JsonNode category : api.get(STAFF, "/api/catalog/households/" + wangFang + "/eligibility")
                    .path("categories")) {
                if (category.asText().equals("LOW_INCOME")) {
                    return true;
                }
            }
            return false;
        });
        awaitCopy("points-service: " + ELDERS_DAUGHTER + " acts for " + ELDER, () -> api
                .getOnBehalfOf(ELDERS_DAUGHTER, "/api/points/me/balance", memberIds.get(ELDER)).has("available"));
        progress.accept("Demo data: the registry is in catalog-service's and points-service's copies");
    }

    interface Check {
        boolean holds() throws IOException, InterruptedException;
    }

    /** At most 60 s: a copy lags its events by well under a second when the broker is up. */
    private static void awaitCopy(String what, Check check) throws IOException, InterruptedException {
        awaitUntil("the registry's copy is there (" + what + ")", 60, check);
    }

    /**
     * Polls {@code check} every half second until it holds, for at most {@code seconds}. A plain loop, not Awaitility:
     * this is the seeder's main code, run by the launcher, and a half-second pause is all the waiting it needs.
     */
    static void awaitUntil(String what, int seconds, Check check) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            IOException last = null;
            try {
                if (check.holds()) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("not so after " + seconds + " s: " + what
                        + (last == null ? "" : ": " + last.getMessage()), last);
            }
            Thread.sleep(500);
        }
    }

    /**
     * The community's subsidy pool, which pays the means-tested discounts: funded with {@value #POOL_FUNDING} points
     * this month by staff, approved by the second staff member (four eyes), unless a funding already exists.
     */
    private void subsidyPool() throws IOException, InterruptedException {
        JsonNode pool = api.get(STAFF, "/api/points/subsidy-pool");
        if (pool.path("funded").asLong() + pool.path("pending").asLong() > 0) {
            present++;
            return;
        }
        JsonNode funding = api.post(STAFF, "/api/points/subsidy-pool/fundings",
                Map.of("points", POOL_FUNDING, "reason", "本月困难家庭兑换补贴（演示）"), "demo-pool-funding-" + pool.path("month").asText());
        if (funding.path("status").asText().equals("PENDING")) {
            api.post(SECOND_STAFF, "/api/points/subsidy-pool/fundings/" + funding.path("id").asText() + "/approve", null,
                    null);
        }
        created++;
        progress.accept("Demo data: the subsidy pool holds " + POOL_FUNDING + " points, funded by " + STAFF
                + " and approved by " + SECOND_STAFF);
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
            JsonNode recorded = api.post(GRID_WORKER, "/api/activity/activities/" + activity.path("id").asText()
                    + "/shifts/bulk", Map.of("entries", entries, "verify", true),
                    "demo-credited-shifts-" + yesterday + "-" + members);
            // The grid worker recorded them; a second person confirms (maker-checker): staff verify each.
            for (JsonNode shift : recorded.path("shifts")) {
                if (!shift.path("status").asText().equals("VERIFIED")) {
                    String shiftId = shift.path("id").asText();
                    api.post(STAFF, "/api/activity/shifts/" + shiftId + "/verify", null, "demo-verify-" + shiftId);
                }
            }
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
