package org.communitypoints.points.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.points.repository.RegistryCopyRepository;

/** How the passbook names a person who acted for a resident: from the registry's copy, or by their id. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class MemberNameService {

    private final RegistryCopyRepository registry;

    public MemberNameService(RegistryCopyRepository registry) {
        this.registry = registry;
    }

    /** The person's display name in the community, or {@code personId} itself when the copy does not know them. */
    public String displayName(String communityId, String personId) {
        return registry.displayName(communityId, personId).orElse(personId);
    }
}
