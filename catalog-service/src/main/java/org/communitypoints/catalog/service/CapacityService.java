package org.communitypoints.catalog.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.catalog.domain.Redemption;
import org.communitypoints.catalog.repository.CapacityRepository;

/** Gives a seat, meal or stock unit back when a redemption ends without being used, exactly once. */
@ApplicationScoped
public class CapacityService {

    private final CapacityRepository capacity;

    public CapacityService(CapacityRepository capacity) {
        this.capacity = capacity;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void giveBack(Redemption r) {
        if (!r.takeBackCapacity()) {
            return;
        }
        switch (r.rewardKind) {
            case MEAL -> capacity.returnMeal(r.rewardId, r.mealDay);
            case CLASS_SEAT -> capacity.returnSeat(r.sessionId);
            case CHILDCARE_CREDIT, GOODS -> capacity.returnStock(r.rewardId);
        }
    }
}
