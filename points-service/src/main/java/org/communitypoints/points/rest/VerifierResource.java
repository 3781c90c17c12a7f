package org.communitypoints.points.rest;

import java.io.InputStream;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * The page that verifies a resident's proof in the browser (WebCrypto Ed25519 and SHA-256), with no account: anyone
 * handed a proof must be able to check it. The gateway serves it at {@code /api/points/verify} without a token.
 */
@Path("/verify")
@PermitAll
public class VerifierResource {

    @GET
    @Produces("text/html; charset=utf-8")
    public InputStream page() {
        return VerifierResource.class.getResourceAsStream("/verifier/verify.html");
    }
}
