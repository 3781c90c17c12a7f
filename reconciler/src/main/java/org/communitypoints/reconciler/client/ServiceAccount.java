package org.communitypoints.reconciler.client;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;

/**
 * The reconciler's own identity: a client-credentials token from the realm's token endpoint, fetched
 * once and fetched again shortly before it expires (a full run can outlive one token).
 */
@ApplicationScoped
public class ServiceAccount {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long RENEW_BEFORE_SECONDS = 30;

    private final OidcClient client;
    private Tokens tokens;

    public ServiceAccount(OidcClient client) {
        this.client = client;
    }

    /** The Authorization header value; throws {@link CouldNotRunException} when the realm refuses or cannot be reached. */
    public synchronized String authorization() {
        if (tokens == null || expiresSoon(tokens)) {
            try {
                tokens = client.getTokens().await().atMost(TIMEOUT);
            } catch (RuntimeException e) {
                throw new CouldNotRunException("could not get a token for the reconciler service account: " + e.getMessage(),
                        e);
            }
        }
        return "Bearer " + tokens.getAccessToken();
    }

    private static boolean expiresSoon(Tokens tokens) {
        Long expiresAt = tokens.getAccessTokenExpiresAt();
        return expiresAt != null && Instant.now().getEpochSecond() + RENEW_BEFORE_SECONDS >= expiresAt;
    }
}
