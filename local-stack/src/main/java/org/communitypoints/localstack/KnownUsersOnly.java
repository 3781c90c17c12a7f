package org.communitypoints.localstack;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;

import no.nav.security.mock.oauth2.OAuth2Exception;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;

/**
 * The local identity provider's password grant for the demo users (and the benchmark residents, when the stack has
 * them) only. mock-oauth2-server's request
 * mappings can add claims to a token but not refuse one: a mistyped username ("li-mai") would get a
 * token without roles or community, and the newcomer an unexplained 401 or 403 from the services. This
 * callback wraps the configured one and answers an unknown username with {@code invalid_grant} and a
 * description naming the demo users, as Keycloak refuses a user its realm does not have. Other grants
 * (the reconciler's client credentials) pass through unchanged.
 */
final class KnownUsersOnly implements OAuth2TokenCallback {

    private final OAuth2TokenCallback configured;
    private final Set<String> usernames;
    private final String described;

    /** The demo users and the benchmark residents; the refusal names the demo users and the benchmark range only. */
    KnownUsersOnly(OAuth2TokenCallback configured, List<String> usernames, BenchmarkResidents benchmarkResidents) {
        this.configured = configured;
        Set<String> known = new HashSet<>(usernames);
        known.addAll(benchmarkResidents.usernames());
        this.usernames = Set.copyOf(known);
        this.described = String.join(", ", usernames)
                + (benchmarkResidents.isEmpty() ? "" : ", and the benchmark residents " + benchmarkResidents.described());
    }

    @Override
    public String issuerId() {
        return configured.issuerId();
    }

    @Override
    public String subject(TokenRequest request) {
        requireKnownUser(request);
        return configured.subject(request);
    }

    @Override
    public String typeHeader(TokenRequest request) {
        return configured.typeHeader(request);
    }

    @Override
    public List<String> audience(TokenRequest request) {
        return configured.audience(request);
    }

    @Override
    public Map<String, Object> addClaims(TokenRequest request) {
        requireKnownUser(request);
        return configured.addClaims(request);
    }

    @Override
    public long tokenExpiry() {
        return configured.tokenExpiry();
    }

    private void requireKnownUser(TokenRequest request) {
        if (request.getAuthorizationGrant() instanceof ResourceOwnerPasswordCredentialsGrant password
                && !usernames.contains(password.getUsername())) {
            ErrorObject refusal = OAuth2Error.INVALID_GRANT.setDescription(
                    "unknown user '" + password.getUsername() + "': the demo users are " + described);
            throw new OAuth2Exception(refusal, refusal.getDescription());
        }
    }
}
