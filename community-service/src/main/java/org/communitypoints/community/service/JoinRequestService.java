package org.communitypoints.community.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.community.domain.JoinRequest;
import org.communitypoints.community.domain.Phone;
import org.communitypoints.community.domain.Resident;
import org.communitypoints.community.repository.AuditRepository;
import org.communitypoints.community.repository.AuditRepository.SubjectType;
import org.communitypoints.community.repository.JoinRequestRepository;
import org.communitypoints.community.repository.ResidentRepository;
import org.communitypoints.contracts.events.MemberChanged.VolunteerState;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.ProblemException;

/**
 * A resident asks to join from the mini-program; staff approve (the resident is registered or updated and
 * MemberChanged published) or decline with a reason. Each request is decided once.
 */
@ApplicationScoped
@Transactional
public class JoinRequestService {

    /** What the resident writes in the mini-program. */
    public record Ask(String displayName, String phone, String address) {
    }

    /** What staff add when they approve: the household the resident joins, and what they saw on the papers. */
    public record Approval(String householdId, Integer birthYear, VolunteerState volunteerState) {
    }

    private final JoinRequestRepository requests;
    private final ResidentRepository residents;
    private final ResidentService residentService;
    private final HouseholdService householdService;
    private final AuditRepository audit;
    private final IdempotentRequests idempotent;

    public JoinRequestService(JoinRequestRepository requests, ResidentRepository residents,
            ResidentService residentService, HouseholdService householdService, AuditRepository audit,
            IdempotentRequests idempotent) {
        this.requests = requests;
        this.residents = residents;
        this.residentService = residentService;
        this.householdService = householdService;
        this.audit = audit;
        this.idempotent = idempotent;
    }

    /**
     * @throws ProblemException 409 ALREADY_REGISTERED for an active resident, 409 JOIN_REQUEST_PENDING while an
     *         earlier request waits, 400 INVALID_PHONE
     */
    public Outcome<JoinRequestView> ask(String communityId, String memberId, String idempotencyKey, Ask ask) {
        return idempotent.onceRequired("join-request", memberId, idempotencyKey, ask, JoinRequestView.class, () -> {
            if (residents.findByIdOptional(memberId).filter(Resident::active).isPresent()) {
                throw RegistryProblems.alreadyRegistered();
            }
            if (requests.pendingOf(memberId).isPresent()) {
                throw RegistryProblems.joinRequestPending();
            }
            String phone = Phone.normalize(ask.phone()).orElseThrow(RegistryProblems::invalidPhone);
            JoinRequest request = JoinRequest.ask(communityId, memberId, ask.displayName().strip(), phone,
                    ask.address().strip(), Instant.now());
            requests.persist(request);
            audit.append(communityId, SubjectType.JOIN_REQUEST, request.id().toString(), memberId, "ASKED",
                    "name=" + request.displayName() + " phone=" + Phone.masked(phone) + " address=" + request.address(),
                    memberId);
            return JoinRequestView.of(request);
        });
    }

    /**
     * @throws ProblemException 404 JOIN_REQUEST_NOT_FOUND, 404 HOUSEHOLD_NOT_FOUND, 409 ALREADY_DECIDED
     */
    public JoinRequestView approve(String communityId, String staffId, UUID requestId, Approval approval) {
        JoinRequest request = requests.lockInCommunity(communityId, requestId)
                .orElseThrow(RegistryProblems::joinRequestNotFound);
        requirePending(request);
        householdService.require(communityId, approval.householdId());
        Instant now = Instant.now();
        request.approve(approval.householdId(), staffId, now);
        audit.append(communityId, SubjectType.JOIN_REQUEST, requestId.toString(), request.memberId(), "APPROVED",
                "household=" + approval.householdId(), staffId);
        residentService.registerForJoinRequest(communityId, staffId, request.memberId(),
                new ResidentService.ResidentDetails(request.displayName(), approval.householdId(), request.phone(),
                        approval.birthYear(), approval.volunteerState()));
        return JoinRequestView.of(request);
    }

    /** @throws ProblemException 404 JOIN_REQUEST_NOT_FOUND, 409 ALREADY_DECIDED */
    public JoinRequestView decline(String communityId, String staffId, UUID requestId, String reason) {
        JoinRequest request = requests.lockInCommunity(communityId, requestId)
                .orElseThrow(RegistryProblems::joinRequestNotFound);
        requirePending(request);
        request.decline(reason.strip(), staffId, Instant.now());
        audit.append(communityId, SubjectType.JOIN_REQUEST, requestId.toString(), request.memberId(), "DECLINED",
                "reason: " + request.declineReason(), staffId);
        return JoinRequestView.of(request);
    }

    /** @param status null for every request */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JoinRequestView> list(String communityId, JoinRequest.Status status, int limit) {
        return requests.ofCommunity(communityId, status, limit).stream().map(JoinRequestView::of).toList();
    }

    /** The calling resident's own requests, newest first: the mini-program shows whether and why. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JoinRequestView> mine(String communityId, String memberId) {
        return requests.ofMember(memberId).stream().filter(r -> r.communityId().equals(communityId))
                .map(JoinRequestView::of).toList();
    }

    private static void requirePending(JoinRequest request) {
        if (!request.pending()) {
            throw RegistryProblems.alreadyDecided(request.status().name());
        }
    }
}
