package org.communitypoints.points.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.service.SealKeyService;

/**
 * The deployment's public seal key, for anyone who verifies a seal or a proof: public on purpose (a verifier must
 * not need an account), and published by the gateway at {@code /.well-known/community-points-seal-key}.
 */
@Path("/seal-key")
@PermitAll
public class SealKeyResource {

    private final SealKeyService keys;

    public SealKeyResource(SealKeyService keys) {
        this.keys = keys;
    }

    /** {@code {keyId, algorithm: "Ed25519", publicKey: base64 X.509 SubjectPublicKeyInfo}}; 404 when none is set. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public SealKeyResponse key() {
        return keys.published().map(k -> new SealKeyResponse(k.keyId(), k.algorithm(), k.publicKey()))
                .orElseThrow(() -> ProblemException.notFound("SEAL_KEY_NOT_SET", "No seal key is configured."));
    }
}
