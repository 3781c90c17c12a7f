package org.communitypoints.platform.data.membership;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.EventCodec;
import org.communitypoints.contracts.EventEnvelope;
import org.communitypoints.contracts.EventType;
import org.communitypoints.contracts.events.HouseholdChanged;
import org.communitypoints.contracts.events.MemberChanged;
import org.communitypoints.contracts.events.ProxyChanged;
import org.communitypoints.platform.data.ProcessedEvents;
import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Applies one registry event to the copy, in one transaction with its processed-event mark. Each upsert replaces the
 * row only when the event's version is higher than the row's: a redelivered event (same id) is skipped outright, an
 * older one that arrives late (another id, lower version) changes nothing.
 */
@ApplicationScoped
@IfBuildProperty(name = Membership.ENABLED, stringValue = "true")
public class RegistryCopies {

    private static final Logger LOG = Logger.getLogger(RegistryCopies.class);

    private final EntityManager entityManager;
    private final ProcessedEvents processedEvents;

    public RegistryCopies(EntityManager entityManager, ProcessedEvents processedEvents) {
        this.entityManager = entityManager;
        this.processedEvents = processedEvents;
    }

    /** @throws org.communitypoints.contracts.MalformedEventException when the payload does not fit its type */
    @Transactional
    public void apply(EventEnvelope envelope, EventType type) {
        if (!processedEvents.firstDelivery(envelope)) {
            return;
        }
        boolean applied = switch (type) {
            case MEMBER_CHANGED -> member(envelope.communityId(), EventCodec.payload(envelope, MemberChanged.class));
            case HOUSEHOLD_CHANGED -> household(envelope.communityId(),
                    EventCodec.payload(envelope, HouseholdChanged.class));
            case PROXY_CHANGED -> proxy(envelope.communityId(), EventCodec.payload(envelope, ProxyChanged.class));
            default -> true; // not a registry event: nothing of ours
        };
        if (!applied) {
            LOG.debugf("%s %s (key %s) is not newer than the copy: skipped", envelope.type(), envelope.eventId(),
                    envelope.key());
        }
    }

    private boolean member(String communityId, MemberChanged m) {
        require(m.memberId() != null && m.status() != null && m.volunteerState() != null, "MemberChanged",
                "memberId, status and volunteerState");
        return entityManager.createNativeQuery("""
                insert into member_copy (member_id, community_id, display_name, household_id, status, elderly,
                                         volunteer_state, version, changed_by, changed_at)
                values (:member, :community, :name, :household, :status, :elderly, :volunteer, :version, :by, :at)
                on conflict (member_id) do update set
                    community_id = excluded.community_id, display_name = excluded.display_name,
                    household_id = excluded.household_id, status = excluded.status, elderly = excluded.elderly,
                    volunteer_state = excluded.volunteer_state, version = excluded.version,
                    changed_by = excluded.changed_by, changed_at = excluded.changed_at, applied_at = now()
                  where member_copy.version < excluded.version""")
                .setParameter("member", m.memberId())
                .setParameter("community", communityId)
                .setParameter("name", m.displayName())
                .setParameter("household", m.householdId())
                .setParameter("status", m.status().name())
                .setParameter("elderly", m.elderly())
                .setParameter("volunteer", m.volunteerState().name())
                .setParameter("version", m.version())
                .setParameter("by", m.changedBy())
                .setParameter("at", timestamp(m.changedAt()))
                .executeUpdate() == 1;
    }

    private boolean household(String communityId, HouseholdChanged h) {
        require(h.householdId() != null && h.status() != null, "HouseholdChanged", "householdId and status");
        boolean newer = entityManager.createNativeQuery("""
                insert into household_copy (household_id, community_id, name, status, version, changed_by, changed_at)
                values (:household, :community, :name, :status, :version, :by, :at)
                on conflict (household_id) do update set
                    community_id = excluded.community_id, name = excluded.name, status = excluded.status,
                    version = excluded.version, changed_by = excluded.changed_by, changed_at = excluded.changed_at,
                    applied_at = now()
                  where household_copy.version < excluded.version""")
                .setParameter("household", h.householdId())
                .setParameter("community", communityId)
                .setParameter("name", h.name())
                .setParameter("status", h.status().name())
                .setParameter("version", h.version())
                .setParameter("by", h.changedBy())
                .setParameter("at", timestamp(h.changedAt()))
                .executeUpdate() == 1;
        if (!newer) {
            return false;
        }
        entityManager.createNativeQuery("delete from household_category_copy where household_id = :household")
                .setParameter("household", h.householdId())
                .executeUpdate();
        // The same category entered twice with the same start is one period: the later entry wins. Settled here, so
        // that the runtime role needs no UPDATE on the categories (an upsert would).
        Map<List<Object>, HouseholdChanged.Category> periods = new LinkedHashMap<>();
        if (h.categories() != null) {
            for (HouseholdChanged.Category category : h.categories()) {
                require(category.validFrom() != null, "HouseholdChanged", "each category's validFrom");
                if (category.code() == null) {
                    // A category added to the registry after this service was built: nothing here prices or
                    // decides by it yet, and refusing the event would also lose the household's known categories.
                    LOG.warnf("Household %s version %d: a category this version does not know was skipped",
                            h.householdId(), h.version());
                    continue;
                }
                periods.put(List.of(category.code(), category.validFrom()), category);
            }
        }
        for (HouseholdChanged.Category category : periods.values()) {
            entityManager.createNativeQuery("""
                    insert into household_category_copy (household_id, code, valid_from, valid_until)
                    values (:household, :code, :from, :until)""")
                    .setParameter("household", h.householdId())
                    .setParameter("code", category.code().name())
                    .setParameter("from", Date.valueOf(category.validFrom()))
                    .setParameter("until", category.validUntil() == null ? null : Date.valueOf(category.validUntil()))
                    .executeUpdate();
        }
        return true;
    }

    private boolean proxy(String communityId, ProxyChanged p) {
        require(p.grantId() != null && p.memberId() != null && p.proxyId() != null && p.relation() != null
                && p.validUntil() != null, "ProxyChanged", "grantId, memberId, proxyId, relation and validUntil");
        String scopes = "{" + String.join(",", p.scopes().stream().map(Enum::name).toList()) + "}";
        return entityManager.createNativeQuery("""
                insert into proxy_grant_copy (grant_id, community_id, member_id, proxy_id, proxy_name, relation, scopes,
                                              valid_until, revoked_at, consent_recorded_by, version, changed_at)
                values (:grant, :community, :member, :proxy, :name, :relation, cast(:scopes as text[]),
                        :until, :revoked, :consent, :version, :at)
                on conflict (grant_id) do update set
                    community_id = excluded.community_id, member_id = excluded.member_id,
                    proxy_id = excluded.proxy_id, proxy_name = excluded.proxy_name, relation = excluded.relation,
                    scopes = excluded.scopes, valid_until = excluded.valid_until, revoked_at = excluded.revoked_at,
                    consent_recorded_by = excluded.consent_recorded_by, version = excluded.version,
                    changed_at = excluded.changed_at, applied_at = now()
                  where proxy_grant_copy.version < excluded.version""")
                .setParameter("grant", p.grantId())
                .setParameter("community", communityId)
                .setParameter("member", p.memberId())
                .setParameter("proxy", p.proxyId())
                .setParameter("name", p.proxyName())
                .setParameter("relation", p.relation().name())
                .setParameter("scopes", scopes)
                .setParameter("until", timestamp(p.validUntil()))
                .setParameter("revoked", timestamp(p.revokedAt()))
                .setParameter("consent", p.consentRecordedBy())
                .setParameter("version", p.version())
                .setParameter("at", timestamp(p.changedAt()))
                .executeUpdate() == 1;
    }

    /** A record that lacks what the copy needs can never be applied: dead-lettered, the partition moves on. */
    private static void require(boolean present, String type, String fields) {
        if (!present) {
            throw new IllegalArgumentException(type + " without " + fields);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
