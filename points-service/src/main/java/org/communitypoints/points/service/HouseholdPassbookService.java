package org.communitypoints.points.service;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.communitypoints.platform.data.membership.Membership;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.repository.RegistryCopyRepository;
import org.communitypoints.points.repository.RegistryCopyRepository.HouseholdMember;

/**
 * The household passbook (户积分存折): the current members of a household, as the registry's copy has them, with
 * their balances and their lines together. Read-only: each point stays in its resident's own account.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class HouseholdPassbookService {

    private final RegistryCopyRepository registry;
    private final Membership membership;
    private final PassbookService passbooks;

    public HouseholdPassbookService(RegistryCopyRepository registry, Membership membership,
            PassbookService passbooks) {
        this.registry = registry;
        this.membership = membership;
        this.passbooks = passbooks;
    }

    /** A member's balance in the household view. */
    public record MemberBalance(String memberId, String displayName, long posted, long held, long available) {
    }

    /** The household, each member's balance and the household's totals. */
    public record Household(String householdId, String name, List<MemberBalance> members, long posted, long held,
            long available) {
    }

    /**
     * Who may read it: staff of the household's community; a current member of it; a proxy holding PASSBOOK_READ from
     * one of its members, standing now. Anyone else gets the answer an unknown household gets, so household ids cannot
     * be probed.
     *
     * @return the household's current members
     * @throws ProblemException 404 HOUSEHOLD_NOT_FOUND
     */
    public List<HouseholdMember> requireReadable(String communityId, String householdId, String callerId,
            boolean staff) {
        if (registry.household(communityId, householdId).isEmpty()) {
            throw notFound();
        }
        List<HouseholdMember> members = registry.members(communityId, householdId);
        if (staff) {
            return members;
        }
        Instant now = Instant.now();
        boolean allowed = members.stream().anyMatch(m -> m.memberId().equals(callerId)
                || membership.mayActFor(communityId, callerId, m.memberId(), Scope.PASSBOOK_READ, now));
        if (!allowed) {
            throw notFound();
        }
        return members;
    }

    public Household household(String communityId, String householdId, List<HouseholdMember> members) {
        String name = registry.household(communityId, householdId).map(RegistryCopyRepository.Household::name)
                .filter(n -> !n.isBlank()).orElse(householdId);
        List<MemberBalance> balances = members.stream().map(m -> {
            PassbookService.Balance b = passbooks.balance(communityId, m.memberId(), null);
            return new MemberBalance(m.memberId(), nameOf(m), b.posted(), b.held(), b.available());
        }).toList();
        return new Household(householdId, name, balances, balances.stream().mapToLong(MemberBalance::posted).sum(),
                balances.stream().mapToLong(MemberBalance::held).sum(),
                balances.stream().mapToLong(MemberBalance::available).sum());
    }

    public PassbookService.Page page(String communityId, List<HouseholdMember> members, int limit, String cursor,
            LocalDate from, LocalDate to) {
        return passbooks.page(communityId, ids(members), limit, cursor, from, to);
    }

    public List<PassbookService.Line> all(String communityId, List<HouseholdMember> members, LocalDate from,
            LocalDate to) {
        return passbooks.all(communityId, ids(members), from, to);
    }

    public static String nameOf(HouseholdMember member) {
        return member.displayName() == null || member.displayName().isBlank() ? member.memberId()
                : member.displayName();
    }

    private static List<String> ids(List<HouseholdMember> members) {
        return members.stream().map(HouseholdMember::memberId).toList();
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("HOUSEHOLD_NOT_FOUND", "No such household, or you may not read its passbook.");
    }
}
