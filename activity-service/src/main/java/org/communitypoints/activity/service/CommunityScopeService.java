package org.communitypoints.activity.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.repository.ActivityRepository;
import org.communitypoints.activity.repository.KindRepository;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;

/**
 * Decides, before a request body is even read, that the ids in a path belong to the caller's community: another
 * community's id answers 404 on every route, exactly like an id that does not exist, and never a 400 about the body
 * first (which would confirm that the id is worth a well-formed request). The services check again where they load.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CommunityScopeService {

    private final ActivityRepository activities;
    private final ShiftRepository shifts;
    private final KindRepository kinds;
    private final Caller caller;

    public CommunityScopeService(ActivityRepository activities, ShiftRepository shifts, KindRepository kinds,
            Caller caller) {
        this.activities = activities;
        this.shifts = shifts;
        this.kinds = kinds;
        this.caller = caller;
    }

    public void activity(UUID id) {
        activities.findInCommunity(id, caller.communityId()).orElseThrow(NotFound::activity);
    }

    public void shift(UUID id) {
        shifts.findInCommunity(id, caller.communityId()).orElseThrow(NotFound::shift);
    }

    public void kind(UUID id) {
        kinds.findInCommunity(id, caller.communityId()).orElseThrow(NotFound::kind);
    }

    /**
     * A member id seen only in other communities (shifts, sign-ups, check-ins) is another community's resident:
     * 404. An id seen nowhere may be a resident of the caller's community who has not volunteered yet, and gets
     * their empty record.
     */
    public void member(String memberId) {
        if (shifts.onlyKnownElsewhere(memberId, caller.communityId())) {
            throw ProblemException.notFound("MEMBER_NOT_FOUND", "We could not find this resident in your community.");
        }
    }
}
