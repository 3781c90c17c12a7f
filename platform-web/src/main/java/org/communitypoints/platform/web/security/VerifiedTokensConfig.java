package org.communitypoints.platform.web.security;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long and how many bearer tokens a service remembers as verified ({@link VerifiedTokens}). */
@ConfigMapping(prefix = "verified-tokens")
public interface VerifiedTokensConfig {

    /**
     * At most this many tokens remembered at once, the least recently used let go first; 0 checks every request's
     * token in full. One entry is the token's text and its identity, about 3 KB: 10,000 residents active within
     * {@link #maxAge()} cost about 30 MB.
     */
    @WithDefault("10000")
    long maxSize();

    /**
     * The longest a verified token is taken without checking its signature again (never past its expiry). It bounds
     * how long a token signed with a key the identity provider has since withdrawn is still taken: the provider's
     * key rotation is not seen before this.
     */
    @WithDefault("60s")
    Duration maxAge();
}
