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
 * A resident names a proxy for themself (relation FAMILY: the proxy is a registered resident of the community).
 *
 * @param validUntil required, at most a year ahead
 */
public record ProxyGrantRequest(@NotNull @Pattern(regexp = Ids.MEMBER_ID) String proxyId,
        @NotNull Relation relation, @NotEmpty Set<@NotNull Scope> scopes, @NotNull Instant validUntil,
        @Size(max = 100) String proxyName) {
}
