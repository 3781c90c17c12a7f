package org.communitypoints.contracts;

/** Topic names, one place for producers, consumers, docker-compose and the local stack. */
public final class Topics {

    /** activity-service → points-service: verified and corrected shifts. */
    public static final String SHIFTS = "activity.shifts";

    /** catalog-service → points-service: hold, capture and release requests for redemptions. */
    public static final String REDEMPTIONS = "catalog.redemptions";

    /** points-service → catalog-service: the answers to redemption requests. */
    public static final String HOLDS = "points.holds";

    /** points-service → whoever tells residents: notices about their points (PointsExpiring). */
    public static final String NOTICES = "points.notices";

    /**
     * community-service → every other service: the current state of residents, households and proxy grants
     * (event-carried state; each service keeps its own copy).
     */
    public static final String REGISTRY = "community.registry";

    /** Records a consumer can never process land here with the reason, so they never block a partition. */
    public static final String DEAD_LETTER_SUFFIX = ".dead-letter";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
