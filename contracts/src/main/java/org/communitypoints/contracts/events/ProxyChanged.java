package org.communitypoints.contracts.events;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.communitypoints.contracts.ContractEvent;

/**
 * The whole current state of one proxy grant (代办): {@code proxyId} may act for {@code memberId} within
 * {@code scopes} until {@code validUntil}, unless revoked. Published by community-service after every change;
 * the services that accept acts on behalf check their copy.
 *
 * @param memberId the resident acted for (the Kafka key, so a grant and its revocation stay in order)
 * @param proxyId the OIDC subject of the family member or grid worker who acts
 * @param consentRecordedBy who recorded the resident's consent: the resident themself, or the staff member who
 *        holds the signed consent form
 * @param revokedAt when the grant was revoked; null while it stands
 * @param version increases by one with every change of this grant
 */
public record ProxyChanged(
        UUID grantId,
        String memberId,
        String proxyId,
        String proxyName,
        Relation relation,
        Set<Scope> scopes,
        Instant validUntil,
        Instant revokedAt,
        String consentRecordedBy,
        long version,
        Instant changedAt) implements ContractEvent {

    /** Scopes in declaration order, so the same grant always reads, and encodes, the same. */
    public ProxyChanged {
        EnumSet<Scope> ordered = EnumSet.noneOf(Scope.class);
        if (scopes != null) {
            ordered.addAll(scopes);
        }
        scopes = Collections.unmodifiableSet(ordered);
    }

    public enum Relation {
        FAMILY,
        GRID_WORKER
    }

    public enum Scope {
        /** Read the resident's passbook and balance. */
        PASSBOOK_READ,
        /** Redeem rewards with the resident's points. */
        REDEEM,
        /** Sign the resident up for activities (and cancel those sign-ups). */
        SIGN_UP
    }

    public boolean allows(Scope scope, Instant at) {
        return revokedAt == null && at.isBefore(validUntil) && scopes.contains(scope);
    }
}
