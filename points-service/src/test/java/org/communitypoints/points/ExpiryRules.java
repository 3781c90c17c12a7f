package org.communitypoints.points;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.communitypoints.points.domain.ExpiryPolicy;
import org.communitypoints.points.domain.ExpiryPolicyChange;
import org.communitypoints.points.repository.ExpiryRepository;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Puts a community's expiry rule in force from a chosen day, as an approved change would: the database takes a rule
 * only from an APPLIED change with the same terms, approved at least its warning days before the rule's first day
 * (V109), so the change is asked for and approved (by staff-maker and staff-checker) that long ago.
 */
public final class ExpiryRules {

    private ExpiryRules() {
    }

    public static void inForce(ExpiryRepository expiry, String community, boolean enabled, int months, int warnDays,
            LocalDate from) {
        QuarkusTransaction.requiringNew().run(() -> {
            Instant approved = from.minusDays(warnDays).atStartOfDay(ZoneOffset.UTC).toInstant();
            ExpiryPolicyChange change = new ExpiryPolicyChange(UUID.randomUUID(), community, enabled, months, warnDays,
                    "测试规则", ExpiryPolicyChange.Status.PENDING, "staff-maker", approved, null, null, null);
            expiry.insertChange(change);
            expiry.decideChange(change.id(), ExpiryPolicyChange.Status.APPLIED, "staff-checker", null, approved);
            expiry.putPolicy(new ExpiryPolicy(community, enabled, months, warnDays, from, change.id(), "staff-maker",
                    "staff-checker", Instant.now()));
        });
    }
}
