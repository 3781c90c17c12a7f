package org.communitypoints.catalog.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.communitypoints.catalog.domain.Partner;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** A community's partners, by their slug. */
@ApplicationScoped
public class PartnerRepository implements PanacheRepositoryBase<Partner, String> {

    public List<Partner> ofCommunity(String communityId) {
        return list("communityId", Sort.by("name"), communityId);
    }
}
