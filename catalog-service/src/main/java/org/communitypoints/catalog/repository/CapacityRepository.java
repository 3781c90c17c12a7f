package org.communitypoints.catalog.repository;

import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

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
     * Takes one meal of the day in a slot with room left, trying first the slots nobody else is updating (from a
     * random one on, so that concurrent requests spread) and waiting for a busy one only when no free one has room.
     *
     * @return false when every slot of the day is full (the quota is taken)
     */
    public boolean reserveMeal(UUID rewardId, LocalDate day, int dailyQuota) {
        int start = ThreadLocalRandom.current().nextInt(MEAL_SLOTS);
        if (takeMeal(rewardId, day, dailyQuota, start, true)) {
            return true;
        }
        // Nothing free without waiting: the day's slots may not exist yet (its first booking), or every slot with room
        // is being updated, or none has room. Created only when missing: an insert that meets a row being updated
        // waits for that transaction, which is the queue this spreading avoids.
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
        return takeMeal(rewardId, day, dailyQuota, start, false);
    }

    /**
     * One guarded UPDATE of one slot. Without {@code skipBusy}, a slot locked by another transaction is waited for and
     * its room checked again once that one ends (PostgreSQL re-reads a locked row before taking it, and moves on to
     * the next slot when it is full by then).
     */
    private boolean takeMeal(UUID rewardId, LocalDate day, int dailyQuota, int start, boolean skipBusy) {
        return em().createNativeQuery("""
                with pick as (
                    select f.slot from meal_day f
                    where f.reward_id = :id and f.day = :day and %1$s
                    order by (f.slot + :slots - :start) %% :slots
                    limit 1 for update%3$s)
                update meal_day m set reserved = m.reserved + 1 from pick
                where m.reward_id = :id and m.day = :day and m.slot = pick.slot and %2$s"""
                .formatted(slotHasRoom("f"), slotHasRoom("m"), skipBusy ? " skip locked" : ""))
                .setParameter("id", rewardId).setParameter("day", day).setParameter("quota", dailyQuota)
                .setParameter("slots", MEAL_SLOTS).setParameter("start", start)
                .executeUpdate() == 1;
    }

    /** Gives a meal of the day back to any slot that has one taken: the day's sum is what counts. */
    public void returnMeal(UUID rewardId, LocalDate day) {
        int start = ThreadLocalRandom.current().nextInt(MEAL_SLOTS);
        if (!giveMealBack(rewardId, day, start, true)) {
            giveMealBack(rewardId, day, start, false);
        }
    }

    private boolean giveMealBack(UUID rewardId, LocalDate day, int start, boolean skipBusy) {
        return em().createNativeQuery("""
                with pick as (
                    select slot from meal_day
                    where reward_id = :id and day = :day and reserved > 0
                    order by (slot + :slots - :start) %% :slots
                    limit 1 for update%s)
                update meal_day m set reserved = m.reserved - 1 from pick
                where m.reward_id = :id and m.day = :day and m.slot = pick.slot and m.reserved > 0"""
                .formatted(skipBusy ? " skip locked" : ""))
                .setParameter("id", rewardId).setParameter("day", day).setParameter("slots", MEAL_SLOTS)
                .setParameter("start", start).executeUpdate() == 1;
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
