package org.communitypoints.localstack;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Residents for load tests, on top of the demo users: {@code bench-0001}, {@code bench-0002} … known to the local
 * identity provider (password {@code demo}, like everyone's) and registered, credited and given a canteen meal by the
 * seed ({@code seed/BenchmarkSeed}). A saga's events are keyed by the resident, so a load of a few hundred redemptions
 * a second needs a few hundred residents to spread over the topics' partitions; a handful of demo users would put
 * each one's redemptions in a queue on one partition.
 * <p>
 * They are residents of 梧桐 (wutong), the one seeded community with a canteen, activity kinds and a grid worker: an
 * honest credit needs a recorder and a second person who verifies, and 西马路 (ximalu) has only its staff member.
 *
 * @param count how many, from {@value #VARIABLE}; 0 (the default): none, and the stack starts as it always did
 */
public record BenchmarkResidents(int count) {

    public static final String VARIABLE = "LOCAL_STACK_BENCHMARK_RESIDENTS";
    /** Bounded by what one bulk listing of the registry returns (2,000) with room for the demo's residents. */
    public static final int MAX = 1000;
    public static final String COMMUNITY = "wutong";
    private static final String PREFIX = "bench-";

    public static final BenchmarkResidents NONE = new BenchmarkResidents(0);

    public BenchmarkResidents {
        if (count < 0 || count > MAX) {
            throw new IllegalArgumentException(VARIABLE + " must be a number from 0 to " + MAX + ", not " + count);
        }
    }

    /** The setting, or {@link #NONE} when it is unset or blank. */
    public static BenchmarkResidents fromEnvironment(Map<String, String> env) {
        String value = env.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return NONE;
        }
        int count;
        try {
            count = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(VARIABLE + " must be a number from 0 to " + MAX + ", not '" + value + "'");
        }
        return new BenchmarkResidents(count);
    }

    /** bench-0001 for 1: four digits, so the names sort in their order up to {@value #MAX}. */
    public static String username(int number) {
        return String.format("%s%04d", PREFIX, number);
    }

    /**
     * The token's {@code sub}, the member id every service knows the resident by: fixed, so a restart with kept data
     * finds the same residents. The demo users' subjects end in 1xx under {@code a000}; these are under {@code b000}.
     */
    public static String subject(int number) {
        return String.format("00000000-0000-4000-b000-%012d", number);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** 1 … count. */
    public IntStream numbers() {
        return IntStream.rangeClosed(1, count);
    }

    public List<String> usernames() {
        return numbers().mapToObj(BenchmarkResidents::username).toList();
    }

    /** "bench-0001 to bench-0300", for messages; empty when there are none. */
    public String described() {
        return switch (count) {
            case 0 -> "";
            case 1 -> username(1);
            default -> username(1) + " to " + username(count);
        };
    }
}
