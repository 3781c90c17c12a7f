package org.communitypoints.localstack;

import java.util.List;

/**
 * The people of the demo community (梧桐社区, Wutong) and the reconciliation job, with the claims their
 * tokens carry. The same users are in the Keycloak realm that docker-compose imports.
 */
public final class DemoUsers {

    /** The community every demo person belongs to. */
    public static final String COMMUNITY = "wutong";
    /** The OAuth client the mini-program and curl use for the password grant. */
    public static final String APP_CLIENT = "community-app";
    /** The service account of the nightly reconciliation (client-credentials grant). */
    public static final String RECONCILER_CLIENT = "reconciler";
    public static final String RECONCILER_SUBJECT = "service-account-reconciler";

    /**
     * A person who logs in with user name and password (locally the password is the user name).
     *
     * @param partner the partner id for partner staff, else null
     */
    public record Person(String username, String role, String partner, String description) {
    }

    public static final List<Person> PEOPLE = List.of(
            new Person("li-mei", "resident", null, "resident and canteen volunteer"),
            new Person("zhang-wei", "resident", null, "resident, community patrol volunteer"),
            new Person("wang-fang", "resident", null, "resident, night-school learner"),
            new Person("grid-wang", "grid-worker", null, "grid worker: records and verifies shifts"),
            new Person("staff-zhao", "staff", null, "community staff: activities, catalog, adjustments"),
            new Person("canteen-chen", "partner", "wutong-canteen", "partner staff at the community canteen"),
            new Person("school-liu", "partner", "wutong-night-school", "partner staff at the art night school"));

    private DemoUsers() {
    }
}
