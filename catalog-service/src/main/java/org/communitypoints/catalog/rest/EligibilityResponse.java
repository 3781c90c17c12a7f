package org.communitypoints.catalog.rest;

import java.util.Set;

import org.communitypoints.catalog.domain.EligibilityCategory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * @param householdId the registry's household of the resident; null while they belong to none
 * @param categories the household's categories valid today, as the catalog prices by them
 */
public record EligibilityResponse(String memberId,
        @Schema(nullable = true, description = "null while the resident belongs to no household") String householdId,
        Set<EligibilityCategory> categories) {
}
