package org.communitypoints.community.rest;

import java.time.Instant;
import java.util.Set;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.communitypoints.contracts.events.ProxyChanged.Relation;
import org.communitypoints.contracts.events.ProxyChanged.Scope;

/**
 * Staff name a proxy for a resident.
 *
 * @param proxyName required for a grid worker (not in the registry); a family member's comes from the registry
 * @param consentNote required: the reference of the resident's signed consent (e.g. 同意书 2026-118)
 */
public record StaffProxyGrantRequest(@NotNull @Pattern(regexp = Ids.MEMBER_ID) String proxyId,
        @NotNull Relation relation, @NotEmpty Set<@NotNull Scope> scopes, @NotNull Instant validUntil,
        @Size(max = 100) String proxyName, @Size(max = 500) String consentNote) {
}
