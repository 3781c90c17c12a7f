package org.communitypoints.activity.rest;

import java.util.UUID;

/** @param currentRule the rule in force now */
public record KindResponse(UUID id, String code, String name, RuleResponse currentRule) {
}
