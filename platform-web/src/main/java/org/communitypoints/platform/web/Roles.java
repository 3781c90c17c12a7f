package org.communitypoints.platform.web;

/** The roles a token can carry, as the identity provider names them. */
public final class Roles {

    public static final String RESIDENT = "resident";
    public static final String GRID_WORKER = "grid-worker";
    public static final String STAFF = "staff";
    public static final String PARTNER = "partner";
    public static final String RECONCILER = "reconciler";

    private Roles() {
    }
}
