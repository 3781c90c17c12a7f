/**
 * Demo data for the local stack: the community 梧桐社区 (wutong) as the newspaper reports describe it, created
 * through the gateway's public API with the demo users' own tokens, never written into a database directly.
 *
 * <ul>
 * <li>activity kinds with their points rule (points per hour, minimum minutes, daily cap): 食堂秩序维护
 * canteen-order 10, 活动协助 event-help 15, 宣传引导 publicity 8, 垃圾分类督导 garbage-sorting 12, 社区巡逻 patrol 10;</li>
 * <li>five upcoming activities in the next four days, one per kind;</li>
 * <li>partners 梧桐社区食堂 (wutong-canteen), 梧桐市民艺术夜校 (wutong-night-school), 小槐花自习室 (wutong-study-room);</li>
 * <li>rewards: a canteen lunch (MEAL, 10 points, 50 a day, half price for LOW_INCOME and DISABILITY households),
 * jazz dance (CLASS_SEAT, 30 points, 10 off for LOW_INCOME) and tea art (25 points), each with the next four
 * weekly evening sessions (12 and 10 seats), and a stationery gift of the study room (GOODS, 15 points, 30 in stock);</li>
 * <li>wang-fang's household tagged 低保 (LOW_INCOME);</li>
 * <li>li-mei, zhang-wei and wang-fang: a two-hour canteen shift yesterday, recorded and verified by zhao-gang
 * (20 points each, credited by points-service from the event), and 50 welcome points by adjustment from chen-jing.</li>
 * </ul>
 *
 * <p>
 * {@link org.communitypoints.localstack.seed.DemoData#seed} looks each item up before creating it, so it can run
 * on every start; the launcher calls it with a {@link org.communitypoints.localstack.seed.PasswordGrantTokens} for
 * its OIDC provider's token endpoint. The end-to-end tests seed their stack with it and check that a second
 * seeding creates nothing.
 *
 * <p>
 * With LOCAL_STACK_BENCHMARK_RESIDENTS set, {@link org.communitypoints.localstack.seed.BenchmarkSeed} then makes the
 * load-test residents bench-0001 … ready for the redemption saga benchmark, the same way: registered volunteers of
 * 梧桐 with a verified shift each, and a canteen meal with a daily quota no run exhausts.
 */
package org.communitypoints.localstack.seed;
