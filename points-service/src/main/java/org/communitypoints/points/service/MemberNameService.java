package org.communitypoints.points.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.points.repository.RegistryCopyRepository;

/**
 * How points-service names people: from the registry's copy (platform-data's membership tables), or by their id
 * for someone the copy has not heard of yet. The passbook names a proxy in full ("由 X 代办"); the notice board
 * masks residents (李*梅).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class MemberNameService {

    private final RegistryCopyRepository registry;

    public MemberNameService(RegistryCopyRepository registry) {
        this.registry = registry;
    }

    /** The person's display name in the community, or {@code personId} itself when the copy does not know them. */
    public String displayName(String communityId, String personId) {
        return registry.displayName(communityId, personId).filter(name -> !name.isBlank()).orElse(personId);
    }

    /** The masked display name of a member of a community, as the notice board shows it. */
    public String masked(String communityId, String memberId) {
        return mask(displayName(communityId, memberId));
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
