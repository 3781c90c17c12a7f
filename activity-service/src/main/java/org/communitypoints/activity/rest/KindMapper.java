package org.communitypoints.activity.rest;

import org.communitypoints.activity.service.KindService.KindDetails;
import org.communitypoints.activity.service.KindService.RuleDetails;

/** Kinds and their rule versions as the API shows them. */
final class KindMapper {

    private KindMapper() {
    }

    static KindResponse toResponse(KindDetails k) {
        return new KindResponse(k.id(), k.code(), k.name(), k.currentRule() == null ? null : toResponse(k.currentRule()));
    }

    static RuleResponse toResponse(RuleDetails r) {
        return new RuleResponse(r.version(), r.validFrom(), r.pointsPerHour(), r.rounding(), r.minimumMinutes(),
                r.dailyCapPoints());
    }
}
