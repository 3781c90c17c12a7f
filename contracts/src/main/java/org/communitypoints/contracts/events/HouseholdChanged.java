package org.communitypoints.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.communitypoints.contracts.ContractEvent;

/**
 * The whole current state of one household (户), published by community-service after every change. Its
 * means-tested categories are what catalog-service prices from; the evidence behind each stays in
 * community-service, only the code and validity travel.
 *
 * <p>
 * Keyed by the household, not a resident: the household is the aggregate whose changes must stay in order.
 *
 * @param categories every category on record, including expired ones; {@link Category#validOn} tells which apply
 * @param status ACTIVE, or CLOSED when the last member moved out
 * @param version increases by one with every change of this household
 */
public record HouseholdChanged(
        String householdId,
        String name,
        List<Category> categories,
        HouseholdStatus status,
        long version,
        String changedBy,
        Instant changedAt) implements ContractEvent {

    public enum HouseholdStatus {
        ACTIVE,
        CLOSED
    }

    /**
     * @param code the category catalog-service prices by; null when it is one this version does not know yet
     *        ({@link HouseholdCategory#fromCode}): skip it, keep the rest
     * @param validUntil inclusive; null while open-ended
     */
    public record Category(HouseholdCategory code, LocalDate validFrom, LocalDate validUntil) {

        /** A category by its code, as written in the JSON; an unknown code gives a null {@link #code}. */
        public Category(String code, LocalDate validFrom, LocalDate validUntil) {
            this(HouseholdCategory.fromCode(code), validFrom, validUntil);
        }

        public boolean validOn(LocalDate day) {
            return !day.isBefore(validFrom) && (validUntil == null || !day.isAfter(validUntil));
        }
    }

    /** The Kafka key: the household, so its changes stay in order. */
    @Override
    public String memberId() {
        return householdId;
    }
}
