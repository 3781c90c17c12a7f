package org.communitypoints.localstack.seed;

import java.io.IOException;

/** An access token for a demo user (password grant) or the reconciliation service account. */
@FunctionalInterface
public interface TokenSource {

    String tokenFor(String username) throws IOException, InterruptedException;
}
