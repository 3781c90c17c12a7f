package org.communitypoints.points.service;

/** How the passbook names a person who acted for a resident: from the registry's copy, or by their id. */
public interface MemberNames {

    /** The member's display name in the community, or {@code memberId} itself when the copy does not know it. */
    String displayName(String communityId, String memberId);
}
