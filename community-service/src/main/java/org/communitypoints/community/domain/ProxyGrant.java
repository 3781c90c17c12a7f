package org.communitypoints.community.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.communitypoints.contracts.events.ProxyChanged.Relation;
import org.communitypoints.contracts.events.ProxyChanged.Scope;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A proxy grant (代办): the proxy may act for the member within the scopes until {@code validUntil}, unless
 * revoked. Revoking is the only change after the grant; it raises the version ProxyChanged carries.
 */
@Entity
@Table(name = "proxy_grant")
@DynamicUpdate
public class ProxyGrant {

    /** What a grant is at a moment: the answer residents and staff read. */
    public enum State {
        ACTIVE,
        EXPIRED,
        REVOKED
    }

    @Id
    private UUID id;

    @Column(name = "community_id", nullable = false)
    private String communityId;

    @Column(name = "member_id", nullable = false)
    private String memberId;

    @Column(name = "proxy_id", nullable = false)
    private String proxyId;

    @Column(name = "proxy_name", nullable = false)
    private String proxyName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Relation relation;

    /** Comma-separated in {@link Scope}'s order. */
    @Column(nullable = false)
    private String scopes;

    @Column(name = "valid_until", nullable = false)
    private Instant validUntil;

    @Column(name = "consent_recorded_by", nullable = false)
    private String consentRecordedBy;

    @Column(name = "consent_note")
    private String consentNote;

    @Column(name = "granted_by", nullable = false)
    private String grantedBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoked_by")
    private String revokedBy;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ProxyGrant() {
        // JPA
    }

    /** What a grant says, whoever records it. */
    public record Terms(String proxyId, String proxyName, Relation relation, Set<Scope> scopes, Instant validUntil) {
    }

    /**
     * @param consentNote the reference of the resident's signed consent when staff record the grant; null when the
     *        resident grants it themself
     */
    public static ProxyGrant grant(String communityId, String memberId, Terms terms, String grantedBy,
            String consentNote, Instant now) {
        ProxyGrant grant = new ProxyGrant();
        grant.id = UUID.randomUUID();
        grant.communityId = communityId;
        grant.memberId = memberId;
        grant.proxyId = terms.proxyId();
        grant.proxyName = terms.proxyName();
        grant.relation = terms.relation();
        grant.scopes = EnumSet.copyOf(terms.scopes()).stream().map(Scope::name).collect(Collectors.joining(","));
        grant.validUntil = terms.validUntil();
        grant.grantedBy = grantedBy;
        grant.consentRecordedBy = grantedBy;
        grant.consentNote = consentNote;
        grant.version = 1;
        grant.createdAt = now;
        return grant;
    }

    /** @return false when it was revoked already (nothing changes, nothing is published) */
    public boolean revoke(String by, Instant now) {
        if (revokedAt != null) {
            return false;
        }
        revokedAt = now;
        revokedBy = by;
        version++;
        return true;
    }

    public State stateAt(Instant at) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return at.isBefore(validUntil) ? State.ACTIVE : State.EXPIRED;
    }

    public UUID id() {
        return id;
    }

    public String communityId() {
        return communityId;
    }

    public String memberId() {
        return memberId;
    }

    public String proxyId() {
        return proxyId;
    }

    public String proxyName() {
        return proxyName;
    }

    public Relation relation() {
        return relation;
    }

    public Set<Scope> scopes() {
        EnumSet<Scope> set = EnumSet.noneOf(Scope.class);
        Arrays.stream(scopes.split(",")).map(Scope::valueOf).forEach(set::add);
        return set;
    }

    public Instant validUntil() {
        return validUntil;
    }

    public String consentRecordedBy() {
        return consentRecordedBy;
    }

    public String consentNote() {
        return consentNote;
    }

    public String grantedBy() {
        return grantedBy;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public String revokedBy() {
        return revokedBy;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
