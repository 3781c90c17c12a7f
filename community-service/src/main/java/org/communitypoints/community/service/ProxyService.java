package org.communitypoints.community.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.community.config.RegistryConfig;
import org.communitypoints.community.domain.ProxyGrant;
import org.communitypoints.community.domain.Resident;
import org.communitypoints.community.messaging.RegistryEvents;
import org.communitypoints.community.repository.AuditRepository;
import org.communitypoints.community.repository.AuditRepository.SubjectType;
import org.communitypoints.community.repository.ProxyGrantRepository;
import org.communitypoints.community.repository.ResidentRepository;
import org.communitypoints.contracts.events.ProxyChanged.Relation;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.ProblemException;

/**
 * Proxy grants (代办). A resident names a family member for themself; staff name a family member or a grid worker
 * for a resident, with the resident's consent recorded (the reference of the signed form). A grant ends at its
 * validUntil (at most a year ahead) or when the resident or staff revoke it; a revocation is published at once.
 * Every grant and revocation publishes ProxyChanged (version + 1) and is audited, in one transaction.
 */
@ApplicationScoped
@Transactional
public class ProxyService {

    /**
     * What a grant says.
     *
     * @param proxyName needed for a grid worker only; a family member's name comes from the registry
     */
    public record GrantRequest(String proxyId, String proxyName, Relation relation, Set<Scope> scopes,
            Instant validUntil) {
    }

    /** A resident the caller may act for, and within what. */
    public record ActingFor(UUID grantId, String memberId, String displayName, Set<Scope> scopes, Instant validUntil) {
    }

    private final ProxyGrantRepository grants;
    private final ResidentRepository residents;
    private final AuditRepository audit;
    private final RegistryEvents events;
    private final IdempotentRequests idempotent;
    private final RegistryConfig config;

    public ProxyService(ProxyGrantRepository grants, ResidentRepository residents, AuditRepository audit,
            RegistryEvents events, IdempotentRequests idempotent, RegistryConfig config) {
        this.grants = grants;
        this.residents = residents;
        this.audit = audit;
        this.events = events;
        this.idempotent = idempotent;
        this.config = config;
    }

    /**
     * A resident names a family member, an active resident of the same community, as their proxy.
     *
     * @throws ProblemException 404 NOT_REGISTERED, 403 GRID_WORKER_PROXY_BY_STAFF, and the rules of every grant
     */
    public Outcome<GrantView> grantOwn(String communityId, String memberId, String idempotencyKey,
            GrantRequest request) {
        return idempotent.onceRequired("grant-proxy", memberId, idempotencyKey, request, GrantView.class, () -> {
            Resident member = residents.lockInCommunity(communityId, memberId).filter(Resident::active)
                    .orElseThrow(RegistryProblems::notRegistered);
            if (request.relation() == Relation.GRID_WORKER) {
                throw RegistryProblems.gridWorkerByStaffOnly();
            }
            return grant(member, request, memberId, null);
        });
    }

    /** The body of a grant staff record, compared by content when the same Idempotency-Key comes again. */
    public record StaffGrant(String memberId, GrantRequest grant, String consentNote) {
    }

    /**
     * Staff name a proxy for a resident of their community, with the resident's consent on record.
     *
     * @throws ProblemException 400 CONSENT_REQUIRED without a consent note, 404 MEMBER_NOT_FOUND
     */
    public Outcome<GrantView> grantForResident(String communityId, String staffId, String idempotencyKey,
            StaffGrant request) {
        if (request.consentNote() == null || request.consentNote().isBlank()) {
            throw RegistryProblems.consentRequired();
        }
        return idempotent.onceRequired("grant-proxy", staffId, idempotencyKey, request, GrantView.class, () -> {
            Resident member = residents.lockInCommunity(communityId, request.memberId()).filter(Resident::active)
                    .orElseThrow(RegistryProblems::memberNotFound);
            return grant(member, request.grant(), staffId, request.consentNote().strip());
        });
    }

    private GrantView grant(Resident member, GrantRequest request, String grantedBy, String consentNote) {
        Instant now = Instant.now();
        if (request.proxyId().equals(member.memberId())) {
            throw RegistryProblems.selfProxy();
        }
        if (!request.validUntil().isAfter(now)) {
            throw RegistryProblems.validUntilNotInFuture();
        }
        if (request.validUntil().isAfter(now.plus(config.proxyMaxValidity()))) {
            throw RegistryProblems.grantTooLong(config.proxyMaxValidity().toDays());
        }
        String proxyName;
        if (request.relation() == Relation.FAMILY) {
            proxyName = residents.inCommunity(member.communityId(), request.proxyId()).filter(Resident::active)
                    .map(Resident::displayName).orElseThrow(RegistryProblems::proxyNotFound);
        } else {
            if (request.proxyName() == null || request.proxyName().isBlank()) {
                throw RegistryProblems.proxyNameRequired();
            }
            proxyName = request.proxyName().strip();
        }
        if (!grants.standing(member.memberId(), request.proxyId(), now).isEmpty()) {
            throw RegistryProblems.grantExists();
        }
        ProxyGrant grant = ProxyGrant.grant(member.communityId(), member.memberId(),
                new ProxyGrant.Terms(request.proxyId(), proxyName, request.relation(), request.scopes(),
                        request.validUntil()),
                grantedBy, consentNote, now);
        grants.persist(grant);
        audit.append(member.communityId(), SubjectType.PROXY_GRANT, grant.id().toString(), member.memberId(),
                "GRANTED", "proxy " + grant.proxyId() + " (" + grant.relation() + ") scopes=" + grant.scopes()
                        + " until " + grant.validUntil() + (consentNote == null ? "" : " consent: " + consentNote),
                grantedBy);
        events.proxyChanged(grant, now);
        return GrantView.of(grant, member.displayName(), now);
    }

    /** The resident revokes a grant they gave. Revoking twice changes nothing. */
    public GrantView revokeOwn(String communityId, String memberId, UUID grantId) {
        return revoke(communityId, memberId, grantId, memberId);
    }

    /** Staff revoke a grant of a resident of their community. */
    public GrantView revokeForResident(String communityId, String staffId, String memberId, UUID grantId) {
        residents.inCommunity(communityId, memberId).orElseThrow(RegistryProblems::memberNotFound);
        return revoke(communityId, memberId, grantId, staffId);
    }

    private GrantView revoke(String communityId, String memberId, UUID grantId, String actor) {
        ProxyGrant grant = grants.lockOfMember(communityId, memberId, grantId)
                .orElseThrow(RegistryProblems::grantNotFound);
        Instant now = Instant.now();
        if (grant.revoke(actor, now)) {
            audit.append(communityId, SubjectType.PROXY_GRANT, grantId.toString(), memberId, "REVOKED",
                    "proxy " + grant.proxyId(), actor);
            events.proxyChanged(grant, now);
        }
        return GrantView.of(grant, nameOf(memberId), now);
    }

    /** Every grant the resident gave, newest first, with its state now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GrantView> givenBy(String communityId, String memberId) {
        Instant now = Instant.now();
        String name = nameOf(memberId);
        return grants.givenBy(memberId).stream().filter(g -> g.communityId().equals(communityId))
                .map(g -> GrantView.of(g, name, now)).toList();
    }

    /** Staff read a resident's grants. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GrantView> ofResident(String communityId, String memberId) {
        residents.inCommunity(communityId, memberId).orElseThrow(RegistryProblems::memberNotFound);
        return givenBy(communityId, memberId);
    }

    /** The residents of the caller's community the caller may act for now, with the scopes of each grant. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActingFor> actingFor(String communityId, String proxyId) {
        return grants.standingFor(proxyId, Instant.now()).stream().filter(g -> g.communityId().equals(communityId))
                .map(g -> new ActingFor(g.id(), g.memberId(), nameOf(g.memberId()), g.scopes(), g.validUntil()))
                .toList();
    }

    private String nameOf(String memberId) {
        return residents.findByIdOptional(memberId).map(Resident::displayName).orElse(memberId);
    }
}
