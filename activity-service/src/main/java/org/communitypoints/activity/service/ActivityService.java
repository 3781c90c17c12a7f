package org.communitypoints.activity.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.activity.domain.Activity;
import org.communitypoints.activity.domain.ActivityKind;
import org.communitypoints.activity.repository.ActivityRepository;
import org.communitypoints.activity.repository.KindRepository;
import org.communitypoints.activity.repository.ShiftRepository;
import org.communitypoints.activity.repository.SignUpRepository;
import org.communitypoints.platform.data.IdempotentRequests;
import org.communitypoints.platform.data.IdempotentRequests.Outcome;
import org.communitypoints.platform.data.membership.Membership;
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
    private final ShiftDetailsService shiftDetails;
    private final Caller caller;
    private final Membership membership;
    private final IdempotentRequests idempotent;

    public ActivityService(ActivityRepository activities, KindRepository kinds, SignUpRepository signUps,
            ShiftRepository shifts, ShiftDetailsService shiftDetails, Caller caller, IdempotentRequests idempotent,
            Membership membership) {
        this.activities = activities;
        this.kinds = kinds;
        this.signUps = signUps;
        this.shifts = shifts;
        this.shiftDetails = shiftDetails;
        this.caller = caller;
        this.idempotent = idempotent;
        this.membership = membership;
    }

    /** What staff publish. */
    public record NewActivity(String title, UUID kindId, String place, Instant startsAt, Instant endsAt,
            int capacity) {
    }

    public record ActivityDetails(UUID id, String title, UUID kindId, String kindCode, String kindName, String place,
            Instant startsAt, Instant endsAt, int capacity, int signedUp, int placesLeft) {

        static ActivityDetails of(Activity activity, ActivityKind kind) {
            return new ActivityDetails(activity.id, activity.title, kind.id, kind.code, kind.name, activity.place,
                    activity.startsAt, activity.endsAt, activity.capacity, activity.signedUp,
                    activity.capacity - activity.signedUp);
        }
    }

    /** A place taken, and how many are left after it. */
    /** @param actedBy the proxy who signed the resident up; null when they signed up themself */
    public record SignUpResult(UUID signUpId, UUID activityId, String memberId, String actedBy, Instant signedUpAt,
            int placesLeft) {
    }

    /** One activity the resident signed up for. */
    public record UpcomingSignUp(UUID activityId, String title, String place, Instant startsAt, Instant endsAt) {
    }

    /** Who signed up and who served, for the grid worker at the door and for staff. */
    public record Roster(UUID activityId, String title, Instant startsAt, Instant endsAt, int capacity,
            List<RosterSignUp> signUps, List<ShiftDetails> shifts) {
    }

    /** @param displayName from the registry copy; null while the copy lacks the member */
    public record RosterSignUp(String memberId, String displayName, String actedBy, Instant signedUpAt) {
    }

    public Outcome<ActivityDetails> create(NewActivity command, String idempotencyKey) {
        return idempotent.once("create-activity", caller.id(), idempotencyKey, command, ActivityDetails.class, () -> {
            ActivityKind kind = kinds.findInCommunity(command.kindId(), caller.communityId())
                    .orElseThrow(() -> ProblemException.unprocessable("UNKNOWN_KIND",
                            "Your community has no kind of activity with this id."));
            if (!command.endsAt().isAfter(command.startsAt())) {
                throw ProblemException.unprocessable("INVALID_TIMES", "The activity must end after it starts.");
            }
            Activity activity = new Activity();
            activity.id = UUID.randomUUID();
            activity.communityId = kind.communityId;
            activity.kindId = kind.id;
            activity.title = command.title();
            activity.place = command.place();
            activity.startsAt = command.startsAt();
            activity.endsAt = command.endsAt();
            activity.capacity = command.capacity();
            activity.createdBy = caller.id();
            activity.createdAt = Instant.now();
            activities.persist(activity);
            return ActivityDetails.of(activity, kind);
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActivityDetails> upcoming() {
        return activities.upcoming(caller.communityId(), Instant.now(), LIST_LIMIT).stream()
                .map(a -> ActivityDetails.of(a, kinds.findById(a.kindId))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ActivityDetails get(UUID id) {
        Activity activity = activity(id);
        return ActivityDetails.of(activity, kinds.findById(activity.kindId));
    }

    /**
     * The database settles the race for the last places: the sign-up row is unique per resident and the
     * counter only moves while below capacity, so a refused sign-up leaves nothing behind.
     */
    /**
     * @param memberId the resident signed up: the caller, or the resident a proxy acts for
     * @param actedBy the proxy (who holds a SIGN_UP grant, checked before), recorded beside the resident; null when
     *        the resident signs up themself
     */
    public Outcome<SignUpResult> signUp(UUID activityId, String memberId, String actedBy, String idempotencyKey) {
        return idempotent.once("sign-up:" + activityId, caller.id(), idempotencyKey, new SignUpKey(activityId, memberId),
                SignUpResult.class, () -> {
                    requireActive(memberId, actedBy);
                    Activity activity = activity(activityId);
                    Instant now = Instant.now();
                    if (!activity.endsAt.isAfter(now)) {
                        throw ProblemException.conflict("SIGN_UP_CLOSED", "This activity is over; signing up is closed.");
                    }
                    UUID id = UUID.randomUUID();
                    if (!signUps.insert(id, activity.id, activity.communityId, memberId, actedBy, now)) {
                        throw ProblemException.conflict("ALREADY_SIGNED_UP", "You have already signed up for this activity.");
                    }
                    if (!signUps.takePlace(activity.id)) {
                        throw ProblemException.conflict("CAPACITY_FULL",
                                "Sorry, this activity is full. Please choose another one.");
                    }
                    activities.refresh(activity);
                    return new SignUpResult(id, activity.id, memberId, actedBy, now,
                            activity.capacity - activity.signedUp);
                });
    }

    /** What one Idempotency-Key stands for: a proxy's sign-ups for two residents are two requests. */
    record SignUpKey(UUID activityId, String memberId) {
    }

    /** A proxy acts only for an active resident; a resident acting for themself is told about their own account. */
    private void requireActive(String memberId, String actedBy) {
        if (actedBy == null) {
            membership.requireActiveSelf(caller.communityId(), memberId);
        } else {
            membership.requireActive(caller.communityId(), memberId);
        }
    }

    /** @param memberId the resident whose sign-up ends: the caller, or the resident a proxy acts for */
    public void withdraw(UUID activityId, String memberId) {
        Activity activity = activity(activityId);
        Instant now = Instant.now();
        if (!activity.startsAt.isAfter(now)) {
            throw ProblemException.conflict("WITHDRAWAL_CLOSED",
                    "This activity has already started; please tell the grid worker instead.");
        }
        if (!signUps.withdraw(activity.id, memberId, now)) {
            throw ProblemException.notFound("NOT_SIGNED_UP", "You are not signed up for this activity.");
        }
        signUps.releasePlace(activity.id);
    }

    /** The resident's active sign-ups; with {@code upcoming}, only activities that have not ended. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UpcomingSignUp> mySignUps(boolean upcoming) {
        return activities.signedUpBy(caller.id(), caller.communityId(), upcoming ? Instant.now() : Instant.EPOCH)
                .stream().map(a -> new UpcomingSignUp(a.id, a.title, a.place, a.startsAt, a.endsAt)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Roster roster(UUID activityId) {
        Activity activity = activity(activityId);
        var active = signUps.active(activity.id);
        Map<String, String> names = membership.displayNames(activity.communityId,
                active.stream().map(s -> s.memberId).toList());
        return new Roster(activity.id, activity.title, activity.startsAt, activity.endsAt, activity.capacity,
                active.stream().map(s -> new RosterSignUp(s.memberId, names.get(s.memberId), s.actedBy, s.signedUpAt))
                        .toList(),
                shiftDetails.of(shifts.ofActivity(activity.id)));
    }

    private Activity activity(UUID id) {
        return activities.findInCommunity(id, caller.communityId()).orElseThrow(NotFound::activity);
    }
}
