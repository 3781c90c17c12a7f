package org.communitypoints.catalog.rest;

import java.util.Set;

import org.communitypoints.catalog.domain.EligibilityCategory;

public record EligibilityResponse(String memberId, Set<EligibilityCategory> categories) {
}
