package org.communitypoints.activity.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.domain.ActivityKind;
import org.communitypoints.activity.domain.PointsRule;
import org.communitypoints.activity.domain.Rounding;
import org.communitypoints.activity.repository.KindRepository;
import org.communitypoints.activity.repository.PointsRuleRepository;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;

/** Activity kinds and their versioned points rules. */
@ApplicationScoped
@Transactional
public class KindService {

    private final KindRepository kinds;
    private final PointsRuleRepository rules;
    private final Caller caller;
    private final IdempotentRequests idempotent;

    public KindService(KindRepository kinds, PointsRuleRepository rules, Caller caller, IdempotentRequests idempotent) {
        this.kinds = kinds;
        this.rules = rules;
        this.caller = caller;
        this.idempotent = idempotent;
    }

    /** A new kind with the terms of its first points rule. */
    public record NewKind(String code, String name, int pointsPerHour, Rounding rounding, int minimumMinutes,
            int dailyCapPoints) {
    }

    /** The terms of a new rule version; {@code validFrom} null means now. */
    public record NewRule(int pointsPerHour, Rounding rounding, int minimumMinutes, int dailyCapPoints,
            Instant validFrom) {
    }

    /** @param currentRule the rule in force now */
    public record KindDetails(UUID id, String code, String name, RuleDetails currentRule) {
    }

    public record RuleDetails(int version, Instant validFrom, int pointsPerHour, Rounding rounding,
            int minimumMinutes, int dailyCapPoints) {

        static RuleDetails of(PointsRule rule) {
            return new RuleDetails(rule.version, rule.validFrom, rule.pointsPerHour, rule.rounding,
                    rule.minimumMinutes, rule.dailyCapPoints);
        }
    }

    public Outcome<KindDetails> create(NewKind command, String idempotencyKey) {
        return idempotent.once("create-kind", caller.id(), idempotencyKey, command, KindDetails.class, () -> {
            String community = caller.communityId();
            if (kinds.codeTaken(community, command.code())) {
                throw ProblemException.conflict("KIND_CODE_TAKEN",
                        "Your community already has a kind of activity with the code " + command.code() + ".")
                        .withArgs(command.code());
            }
            Instant now = Instant.now();
            ActivityKind kind = new ActivityKind();
            kind.id = UUID.randomUUID();
            kind.communityId = community;
            kind.code = command.code();
            kind.name = command.name();
            kind.createdBy = caller.id();
            kind.createdAt = now;
            kinds.persist(kind);
            // The first version is in force for every shift of the kind, whenever it was served.
            PointsRule rule = rule(kind.id, 1, Instant.EPOCH, command.pointsPerHour(), command.rounding(),
                    command.minimumMinutes(), command.dailyCapPoints(), now);
            rules.persist(rule);
            return new KindDetails(kind.id, kind.code, kind.name, RuleDetails.of(rule));
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<KindDetails> list() {
        Instant now = Instant.now();
        return kinds.inCommunity(caller.communityId()).stream()
                .map(k -> new KindDetails(k.id, k.code, k.name,
                        rules.inForce(k.id, now).map(RuleDetails::of).orElse(null)))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RuleDetails> rules(UUID kindId) {
        return rules.ofKind(kind(kindId).id).stream().map(RuleDetails::of).toList();
    }

    /**
     * Adds a rule version. It may start now or later, never earlier: a rule that reached back would
     * change the value of shifts already served under the previous one.
     */
    public Outcome<RuleDetails> addRule(UUID kindId, NewRule command, String idempotencyKey) {
        return idempotent.once("new-rule:" + kindId, caller.id(), idempotencyKey, command, RuleDetails.class, () -> {
            kind(kindId);
            ActivityKind kind = kinds.lock(kindId).orElseThrow();
            Instant now = Instant.now();
            Instant validFrom = command.validFrom() == null ? now : command.validFrom();
            if (validFrom.isBefore(now)) {
                throw ProblemException.unprocessable("RULE_BACKDATED",
                        "A new points rule can start now or later, not in the past: points already earned never change.");
            }
            List<PointsRule> existing = rules.ofKind(kind.id);
            PointsRule latest = existing.get(existing.size() - 1);
            if (!validFrom.isAfter(latest.validFrom)) {
                throw ProblemException.conflict("RULE_ORDER",
                        "A newer rule version already starts at " + latest.validFrom + ". Choose a later start.")
                        .withArgs(latest.validFrom.toString());
            }
            PointsRule rule = rule(kind.id, latest.version + 1, validFrom, command.pointsPerHour(), command.rounding(),
                    command.minimumMinutes(), command.dailyCapPoints(), now);
            rules.persist(rule);
            return RuleDetails.of(rule);
        });
    }

    private ActivityKind kind(UUID id) {
        return kinds.findInCommunity(id, caller.communityId()).orElseThrow(NotFound::kind);
    }

    private PointsRule rule(UUID kindId, int version, Instant validFrom, int pointsPerHour, Rounding rounding,
            int minimumMinutes, int dailyCapPoints, Instant now) {
        PointsRule rule = new PointsRule();
        rule.id = UUID.randomUUID();
        rule.kindId = kindId;
        rule.version = version;
        rule.validFrom = validFrom;
        rule.pointsPerHour = pointsPerHour;
        rule.rounding = rounding;
        rule.minimumMinutes = minimumMinutes;
        rule.dailyCapPoints = dailyCapPoints;
        rule.createdBy = caller.id();
        rule.createdAt = now;
        return rule;
    }
}
