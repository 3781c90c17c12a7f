package org.communitypoints.activity.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.ActivityKind;
import org.communitypoints.activity.repository.ActivityRepository;
import org.communitypoints.activity.repository.KindRepository;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.activity.repository.SignUpRepository;
import org.communitypoints.activity.rest.ActivityRequests.CreateActivity;
import org.communitypoints.activity.rest.ActivityViews.ActivityView;
import org.communitypoints.activity.rest.ActivityViews.MySignUp;
import org.communitypoints.activity.rest.ActivityViews.Roster;
import org.communitypoints.activity.rest.ActivityViews.SignUpView;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.ProblemException;

/** Publishing activities, browsing them, signing up and withdrawing. */
@ApplicationScoped
@Transactional
public class ActivityService {

    private static final int LIST_LIMIT = 200;

    private final ActivityRepository activities;
    private final KindRepository kinds;
    private final SignUpRepository signUps;
    private final ShiftRepository shifts;
    private final ShiftViewAssembler shiftViews;
    private final CommunityScope scope;
    private final Caller caller;
    private final IdempotentRequests idempotent;

    public ActivityService(ActivityRepository activities, KindRepository kinds, SignUpRepository signUps,
            ShiftRepository shifts, ShiftViewAssembler shiftViews, CommunityScope scope, Caller caller,
            IdempotentRequests idempotent) {
        this.activities = activities;
        this.kinds = kinds;
        this.signUps = signUps;
        this.shifts = shifts;
        this.shiftViews = shiftViews;
        this.scope = scope;
        this.caller = caller;
        this.idempotent = idempotent;
    }

    public Outcome<ActivityView> create(CreateActivity request, String idempotencyKey) {
        return idempotent.once("create-activity", caller.id(), idempotencyKey, request, ActivityView.class, () -> {
            ActivityKind kind = kinds.find(request.kindId())
                    .filter(k -> k.communityId.equals(caller.communityId()))
                    .orElseThrow(() -> ProblemException.unprocessable("UNKNOWN_KIND",
                            "Your community has no kind of activity with this id."));
            if (!request.endsAt().isAfter(request.startsAt())) {
                throw ProblemException.unprocessable("INVALID_TIMES", "The activity must end after it starts.");
            }
            Activity activity = new Activity();
            activity.id = UUID.randomUUID();
            activity.communityId = kind.communityId;
            activity.kindId = kind.id;
            activity.title = request.title();
            activity.place = request.place();
            activity.startsAt = request.startsAt();
            activity.endsAt = request.endsAt();
            activity.capacity = request.capacity();
            activity.createdBy = caller.id();
            activity.createdAt = Instant.now();
            activities.persist(activity);
            return ActivityView.of(activity, kind);
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActivityView> upcoming() {
        return activities.upcoming(caller.communityId(), Instant.now(), LIST_LIMIT).stream()
                .map(a -> ActivityView.of(a, kinds.find(a.kindId).orElseThrow())).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ActivityView get(UUID id) {
        Activity activity = scope.activity(id);
        return ActivityView.of(activity, kinds.find(activity.kindId).orElseThrow());
    }

    /**
     * The database settles the race for the last places: the sign-up row is unique per resident and the
     * counter only moves while below capacity, so a refused sign-up leaves nothing behind.
     */
    public Outcome<SignUpView> signUp(UUID activityId, String idempotencyKey) {
        return idempotent.once("sign-up:" + activityId, caller.id(), idempotencyKey, activityId, SignUpView.class,
                () -> {
                    Activity activity = scope.activity(activityId);
                    Instant now = Instant.now();
                    if (!activity.endsAt.isAfter(now)) {
                        throw ProblemException.conflict("SIGN_UP_CLOSED", "This activity is over; signing up is closed.");
                    }
                    UUID id = UUID.randomUUID();
                    if (!signUps.insert(id, activity.id, activity.communityId, caller.id(), now)) {
                        throw ProblemException.conflict("ALREADY_SIGNED_UP", "You have already signed up for this activity.");
                    }
                    if (!signUps.takePlace(activity.id)) {
                        throw ProblemException.conflict("CAPACITY_FULL",
                                "Sorry, this activity is full. Please choose another one.");
                    }
                    activities.refresh(activity);
                    return new SignUpView(id, activity.id, caller.id(), now, activity.capacity - activity.signedUp);
                });
    }

    public void withdraw(UUID activityId) {
        Activity activity = scope.activity(activityId);
        Instant now = Instant.now();
        if (!activity.startsAt.isAfter(now)) {
            throw ProblemException.conflict("WITHDRAWAL_CLOSED",
                    "This activity has already started; please tell the grid worker instead.");
        }
        if (!signUps.withdraw(activity.id, caller.id(), now)) {
            throw ProblemException.notFound("NOT_SIGNED_UP", "You are not signed up for this activity.");
        }
        signUps.releasePlace(activity.id);
    }

    /** The resident's active sign-ups; with {@code upcoming}, only activities that have not ended. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MySignUp> mySignUps(boolean upcoming) {
        return signUps.upcomingFor(caller.id(), caller.communityId(), upcoming ? Instant.now() : Instant.EPOCH);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Roster roster(UUID activityId) {
        Activity activity = scope.activity(activityId);
        return new Roster(activity.id, activity.title, activity.startsAt, activity.endsAt, activity.capacity,
                signUps.roster(activity.id), shiftViews.views(shifts.ofActivity(activity.id)));
    }
}
