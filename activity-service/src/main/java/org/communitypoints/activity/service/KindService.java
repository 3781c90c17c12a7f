package org.communitypoints.activity.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.domain.ActivityKind;
import org.communitypoints.activity.domain.PointsRule;
import org.communitypoints.activity.repository.KindRepository;
import org.communitypoints.activity.rest.KindRequests.CreateKind;
import org.communitypoints.activity.rest.KindRequests.NewRule;
import org.communitypoints.activity.rest.KindViews.Kind;
import org.communitypoints.activity.rest.KindViews.Rule;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;

/** Activity kinds and their versioned points rules. */
@ApplicationScoped
@Transactional
public class KindService {

    private final KindRepository kinds;
    private final CommunityScope scope;
    private final Caller caller;
    private final IdempotentRequests idempotent;

    public KindService(KindRepository kinds, CommunityScope scope, Caller caller, IdempotentRequests idempotent) {
        this.kinds = kinds;
        this.scope = scope;
        this.caller = caller;
        this.idempotent = idempotent;
    }

    public Outcome<Kind> create(CreateKind request, String idempotencyKey) {
        return idempotent.once("create-kind", caller.id(), idempotencyKey, request, Kind.class, () -> {
            String community = caller.communityId();
            if (kinds.codeTaken(community, request.code())) {
                throw ProblemException.conflict("KIND_CODE_TAKEN",
                        "Your community already has a kind of activity with the code " + request.code() + ".");
            }
            Instant now = Instant.now();
            ActivityKind kind = new ActivityKind();
            kind.id = UUID.randomUUID();
            kind.communityId = community;
            kind.code = request.code();
            kind.name = request.name();
            kind.createdBy = caller.id();
            kind.createdAt = now;
            kinds.persist(kind);
            // The first version is in force for every shift of the kind, whenever it was served.
            PointsRule rule = rule(kind.id, 1, Instant.EPOCH, request.pointsPerHour(), request.rounding(),
                    request.minimumMinutes(), request.dailyCapPoints(), now);
            kinds.persist(rule);
            return new Kind(kind.id, kind.code, kind.name, Rule.of(rule));
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Kind> list() {
        Instant now = Instant.now();
        return kinds.inCommunity(caller.communityId()).stream()
                .map(k -> new Kind(k.id, k.code, k.name, kinds.ruleInForce(k.id, now).map(Rule::of).orElse(null)))
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Rule> rules(UUID kindId) {
        return kinds.rules(scope.kind(kindId).id).stream().map(Rule::of).toList();
    }

    /**
     * Adds a rule version. It may start now or later, never earlier: a rule that reached back would
     * change the value of shifts already served under the previous one.
     */
    public Outcome<Rule> addRule(UUID kindId, NewRule request, String idempotencyKey) {
        return idempotent.once("new-rule:" + kindId, caller.id(), idempotencyKey, request, Rule.class, () -> {
            scope.kind(kindId);
            ActivityKind kind = kinds.lock(kindId).orElseThrow();
            Instant now = Instant.now();
            Instant validFrom = request.validFrom() == null ? now : request.validFrom();
            if (validFrom.isBefore(now)) {
                throw ProblemException.unprocessable("RULE_BACKDATED",
                        "A new points rule can start now or later, not in the past: points already earned never change.");
            }
            List<PointsRule> existing = kinds.rules(kind.id);
            PointsRule latest = existing.get(existing.size() - 1);
            if (!validFrom.isAfter(latest.validFrom)) {
                throw ProblemException.conflict("RULE_ORDER",
                        "A newer rule version already starts at " + latest.validFrom + ". Choose a later start.");
            }
            PointsRule rule = rule(kind.id, latest.version + 1, validFrom, request.pointsPerHour(), request.rounding(),
                    request.minimumMinutes(), request.dailyCapPoints(), now);
            kinds.persist(rule);
            return Rule.of(rule);
        });
    }

    private PointsRule rule(UUID kindId, int version, Instant validFrom, int pointsPerHour,
            org.communitypoints.activity.domain.Rounding rounding, int minimumMinutes, int dailyCapPoints,
            Instant now) {
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
