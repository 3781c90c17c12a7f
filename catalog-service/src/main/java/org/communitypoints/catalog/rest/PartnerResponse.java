package org.communitypoints.catalog.rest;

import org.communitypoints.catalog.domain.PartnerKind;

public record PartnerResponse(String id, String name, PartnerKind kind) {
}
