package org.communitypoints.community.rest;

/** The shapes of ids in paths and bodies. */
final class Ids {

    /** A token subject: the identity provider's ids (UUIDs) and the test and demo ids; nothing longer. */
    static final String MEMBER_ID = "[A-Za-z0-9._:@-]{1,100}";
    /** hh- and a UUID, as the registry hands them out. */
    static final String HOUSEHOLD_ID = "hh-[a-z0-9-]{1,60}";

    private Ids() {
    }
}
