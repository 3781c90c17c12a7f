package org.communitypoints.platform.data.membership;

import jakarta.enterprise.context.RequestScoped;

import org.communitypoints.platform.web.Caller;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * Whom the current request acts for, resolved once by {@link OnBehalfOfFilter}: the resident named in
 * {@code On-Behalf-Of} when the caller holds a standing grant for the method's scope, else the caller.
 */
@RequestScoped
@IfBuildProperty(name = Membership.ENABLED, stringValue = "true")
public class Acting {

    private final Caller caller;
    private String onBehalfOf;

    public Acting(Caller caller) {
        this.caller = caller;
    }

    void onBehalfOf(String memberId) {
        this.onBehalfOf = memberId;
    }

    /** The resident the act is for: whose sign-up, whose points. */
    public String memberId() {
        return onBehalfOf != null ? onBehalfOf : caller.id();
    }

    /** The proxy who acted for the resident; null when the resident acts for themself. */
    public String actedBy() {
        return onBehalfOf != null ? caller.id() : null;
    }

    public boolean onBehalf() {
        return onBehalfOf != null;
    }
}
