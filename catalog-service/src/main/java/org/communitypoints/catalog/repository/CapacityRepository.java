package org.communitypoints.catalog.repository;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.hibernate.orm.panache.Panache;

/**
 * Seats, meals and stock. Each reservation is a single UPDATE whose WHERE clause demands something
 * left; PostgreSQL serialises concurrent updates of the row, so the last seat goes to exactly one
 * request and the counters can never pass capacity (the table checks say so too).
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

    public boolean reserveMeal(UUID rewardId, LocalDate day, int dailyQuota) {
        em().createNativeQuery("insert into meal_day (reward_id, day) values (:id, :day) on conflict do nothing")
                .setParameter("id", rewardId).setParameter("day", day).executeUpdate();
        return em().createNativeQuery("""
                update meal_day set reserved = reserved + 1
                where reward_id = :id and day = :day and reserved < :quota""")
                .setParameter("id", rewardId).setParameter("day", day).setParameter("quota", dailyQuota)
                .executeUpdate() == 1;
    }

    public void returnMeal(UUID rewardId, LocalDate day) {
        em().createNativeQuery("""
                update meal_day set reserved = reserved - 1 where reward_id = :id and day = :day and reserved > 0""")
                .setParameter("id", rewardId).setParameter("day", day).executeUpdate();
    }

    public int mealsTaken(UUID rewardId, LocalDate day) {
        Object taken = em()
                .createNativeQuery("select coalesce(max(reserved), 0) from meal_day where reward_id = :id and day = :day")
                .setParameter("id", rewardId).setParameter("day", day).getSingleResult();
        return ((Number) taken).intValue();
    }

    public boolean takeStock(UUID rewardId) {
        return em().createNativeQuery("update reward set stock = stock - 1 where id = :id and stock > 0")
                .setParameter("id", rewardId).executeUpdate() == 1;
    }

    public void returnStock(UUID rewardId) {
        addStock(rewardId, 1);
    }

    public void addStock(UUID rewardId, int quantity) {
        em().createNativeQuery("update reward set stock = stock + :n where id = :id")
                .setParameter("n", quantity).setParameter("id", rewardId).executeUpdate();
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
