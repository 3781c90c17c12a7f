package org.communitypoints.platform.data;

/**
 * The role of the people who look after the running suite: they list and re-drive dead letters
 * ({@link DeadLetterResource}). It grants nothing in any community: an operator sees records, not residents.
 */
public final class Operators {

    /** As the identity provider names the role (the {@code groups} claim). */
    public static final String ROLE = "operator";

    private Operators() {
    }
}
