package org.communitypoints.activity.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** @param currentRule the rule in force now */
public record KindResponse(UUID id, String code, String name,
        @Schema(nullable = true, description = "null when no rule version is in force now") RuleResponse currentRule) {
}
