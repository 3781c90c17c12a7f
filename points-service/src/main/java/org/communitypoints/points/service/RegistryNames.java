package org.communitypoints.points.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.points.repository.RegistryCopyRepository;

/** Names from the registry's copy; a person the copy does not know (yet) is named by their id. */
@ApplicationScoped
public class RegistryNames implements MemberNames {

    private final RegistryCopyRepository registry;

    public RegistryNames(RegistryCopyRepository registry) {
        this.registry = registry;
    }

    @Override
    public String displayName(String communityId, String memberId) {
        return registry.displayName(communityId, memberId).orElse(memberId);
    }
}
