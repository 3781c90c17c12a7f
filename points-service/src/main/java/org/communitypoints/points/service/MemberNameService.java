package org.communitypoints.points.service;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The name a resident is shown under on the notice board, masked (李*梅). points-service keeps no names: until the
 * registry's copy of members is on this service, the member id stands in, masked the same way. Replace this bean
 * (one method) when names arrive; the board does not change.
 */
@ApplicationScoped
public class MemberNameService {

    /** The masked display name of a member of a community. */
    public String masked(String communityId, String memberId) {
        return mask(memberId);
    }

    /**
     * First and last character kept, the middle starred (李梅 → 李*, 李小梅 → 李*梅, 欧阳小梅 → 欧**梅): neighbours can
     * check a line they know, a stranger learns no name. Counted in code points, so a Chinese name is not split.
     */
    public static String mask(String name) {
        int[] cps = name.codePoints().toArray();
        if (cps.length <= 1) {
            return name.isEmpty() ? name : "*";
        }
        StringBuilder masked = new StringBuilder().appendCodePoint(cps[0]);
        if (cps.length == 2) {
            return masked.append('*').toString();
        }
        masked.append("*".repeat(cps.length - 2));
        return masked.appendCodePoint(cps[cps.length - 1]).toString();
    }
}
