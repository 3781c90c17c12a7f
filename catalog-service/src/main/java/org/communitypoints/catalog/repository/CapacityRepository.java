package org.communitypoints.catalog.repository;

import java.sql.SQLTransientException;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Seats, meals and stock. Each reservation is a single UPDATE whose WHERE clause demands something
 * left; PostgreSQL serialises concurrent updates of the row, so the last seat goes to exactly one
 * request and the counters can never pass capacity (the table checks say so too). A meal's day, booked by a whole
 * community at once, is counted in {@link #MEAL_SLOTS} rows with a share of the quota each.
 *
 * <p>
 * Not the repository of one entity: the counters live on {@code class_session}, {@code reward} and the
 * entity-less {@code meal_day}, and are kept together because they share one rule. Native SQL runs on
 * Panache's entity manager, so it joins the caller's transaction.
 */
@ApplicationScoped
public class CapacityRepository {

    private static EntityManager em() {
        return Panache.getEntityManager();
    }

    public boolean reserveSeat(UUID sessionId) {
        return em().createNativeQuery("""
                update class_session set reserved = reserved + 1
                where id = :id and reserved < capacity and ends_at > now()""")
                .setParameter("id", sessionId).executeUpdate() == 1;
    }

    public void returnSeat(UUID sessionId) {
        em().createNativeQuery("update class_session set reserved = reserved - 1 where id = :id and reserved > 0")
                .setParameter("id", sessionId).executeUpdate();
    }

    /**
     * How many rows a meal's day is counted in (V90__meal_day_slots.sql spreads a day over as many): reservations
     * and cancellations of one meal run side by side on different slots instead of queueing on one row's lock.
     */
    static final int MEAL_SLOTS = 16;

    /**
     * What slot {@code slot} may hold: the quota shared out, the remainder one each to the first slots, so that the
     * shares add up to the quota and no reservation can pass it.
     */
    private static String slotHasRoom(String row) {
        return "%1$s.reserved < :quota / :slots + case when %1$s.slot < :quota %% :slots then 1 else 0 end".formatted(row);
    }

    /**
     * How long a reservation or give-back tries again while every slot it could use is being updated by other
     * transactions (each holds its slot only until it commits, milliseconds); past it the request fails as a transient
     * failure (503, or the consumer's retry).
     */
    private static final long MEAL_SLOT_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(2);

    /**
     * Takes one meal of the day in a slot with room left that no other transaction is updating, from a random slot
     * on so that concurrent requests spread. It never waits on a slot's lock: a transaction can be left holding the
     * lock of a slot it found full, and two that waited on each other's would deadlock. When every slot with room is
     * busy it tries again a moment later.
     *
     * @return false when every slot of the day is full (the quota is taken)
     */
    public boolean reserveMeal(UUID rewardId, LocalDate day, int dailyQuota) {
        int start = ThreadLocalRandom.current().nextInt(MEAL_SLOTS);
        if (takeMeal(rewardId, day, dailyQuota, start)) {
            return true;
        }
        // The day's slots may not exist yet (its first booking). Created only when missing: an insert that meets a row
        // being updated waits for that transaction, which is the queue the slots avoid.
        Object slots = em().createNativeQuery("select count(*) from meal_day where reward_id = :id and day = :day")
                .setParameter("id", rewardId).setParameter("day", day).getSingleResult();
        if (((Number) slots).intValue() < MEAL_SLOTS) {
            em().createNativeQuery("""
                    insert into meal_day (reward_id, day, slot)
                    select :id, :day, s from generate_series(0, :slots - 1) s
                    on conflict do nothing""")
                    .setParameter("id", rewardId).setParameter("day", day).setParameter("slots", MEAL_SLOTS)
                    .executeUpdate();
        }
        long deadline = System.nanoTime() + MEAL_SLOT_PATIENCE_NANOS;
        while (!takeMeal(rewardId, day, dailyQuota, start)) {
            if (!anyMealSlot(rewardId, day, slotHasRoom("m"), dailyQuota)) {
                return false;
            }
            pauseOrGiveUp(deadline, "every meal slot with room stayed busy");
        }
        return true;
    }

    /** One guarded UPDATE of one slot that has room and that no other transaction holds. */
    private boolean takeMeal(UUID rewardId, LocalDate day, int dailyQuota, int start) {
        return em().createNativeQuery("""
                with pick as (
                    select f.slot from meal_day f
                    where f.reward_id = :id and f.day = :day and %1$s
                    order by (f.slot + :slots - :start) %% :slots
                    limit 1 for update skip locked)
                update meal_day m set reserved = m.reserved + 1 from pick
                where m.reward_id = :id and m.day = :day and m.slot = pick.slot and %2$s"""
                .formatted(slotHasRoom("f"), slotHasRoom("m")))
                .setParameter("id", rewardId).setParameter("day", day).setParameter("quota", dailyQuota)
                .setParameter("slots", MEAL_SLOTS).setParameter("start", start)
                .executeUpdate() == 1;
    }

    /** Gives a meal of the day back to any slot that has one taken (the day's sum is what counts), without waiting. */
    public void returnMeal(UUID rewardId, LocalDate day) {
        int start = ThreadLocalRandom.current().nextInt(MEAL_SLOTS);
        long deadline = System.nanoTime() + MEAL_SLOT_PATIENCE_NANOS;
        while (!giveMealBack(rewardId, day, start)) {
            if (!anyMealSlot(rewardId, day, "m.reserved > 0", null)) {
                return;
            }
            pauseOrGiveUp(deadline, "every meal slot with meals taken stayed busy");
        }
    }

    private boolean giveMealBack(UUID rewardId, LocalDate day, int start) {
        return em().createNativeQuery("""
                with pick as (
                    select slot from meal_day
                    where reward_id = :id and day = :day and reserved > 0
                    order by (slot + :slots - :start) % :slots
                    limit 1 for update skip locked)
                update meal_day m set reserved = m.reserved - 1 from pick
                where m.reward_id = :id and m.day = :day and m.slot = pick.slot and m.reserved > 0""")
                .setParameter("id", rewardId).setParameter("day", day).setParameter("slots", MEAL_SLOTS)
                .setParameter("start", start).executeUpdate() == 1;
    }

    /** Whether a slot of the day meets {@code condition} as last committed, busy or not (a plain read waits for none). */
    private boolean anyMealSlot(UUID rewardId, LocalDate day, String condition, Integer dailyQuota) {
        var query = em().createNativeQuery(
                "select exists (select 1 from meal_day m where m.reward_id = :id and m.day = :day and " + condition + ")")
                .setParameter("id", rewardId).setParameter("day", day);
        if (dailyQuota != null) {
            query.setParameter("quota", dailyQuota).setParameter("slots", MEAL_SLOTS);
        }
        return Boolean.TRUE.equals(query.getSingleResult());
    }

    private static void pauseOrGiveUp(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            // Transient by platform-data's rule (SQLTransientException in the chain): 503 for a request, a retry for a
            // consumer; nothing was taken or given back.
            throw new LockTimeoutException(what, new SQLTransientException(what, "55P03"));
        }
        try {
            Thread.sleep(1 + ThreadLocalRandom.current().nextInt(4));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockTimeoutException(what, new SQLTransientException(what, "55P03", e));
        }
    }

    public int mealsTaken(UUID rewardId, LocalDate day) {
        Object taken = em()
                .createNativeQuery("select coalesce(sum(reserved), 0) from meal_day where reward_id = :id and day = :day")
                .setParameter("id", rewardId).setParameter("day", day).getSingleResult();
        return ((Number) taken).intValue();
    }

    public boolean takeStock(UUID rewardId) {
        return em().createNativeQuery("update reward set stock = stock - 1 where id = :id and stock > 0")
                .setParameter("id", rewardId).executeUpdate() == 1;
    }

    public void returnStock(UUID rewardId) {
        em().createNativeQuery("update reward set stock = stock + 1 where id = :id")
                .setParameter("id", rewardId).executeUpdate();
    }

    /** @return false (and nothing added) when the stock would exceed {@code max} */
    public boolean addStock(UUID rewardId, int quantity, int max) {
        return em().createNativeQuery("update reward set stock = stock + :n where id = :id and stock <= :max - :n")
                .setParameter("n", quantity).setParameter("max", max).setParameter("id", rewardId).executeUpdate() == 1;
    }

    public int stockLeft(UUID rewardId) {
        Object left = em().createNativeQuery("select stock from reward where id = :id")
                .setParameter("id", rewardId).getSingleResult();
        return left == null ? 0 : ((Number) left).intValue();
    }

    public int seatsTaken(UUID sessionId) {
        Object taken = em().createNativeQuery("select reserved from class_session where id = :id")
                .setParameter("id", sessionId).getSingleResult();
        return ((Number) taken).intValue();
    }
}
