package org.communitypoints.points.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.communitypoints.contracts.seal.TransactionProof;
import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.Roles;
import org.communitypoints.points.service.ProofService;

/**
 * A resident's proof that a line of their passbook is in a sealed month; checked without the service by the
 * reconciler's {@code verify-proof} or the verifier page ({@code /api/points/verify.html}).
 */
@Path("/me/proofs")
@RolesAllowed(Roles.RESIDENT)
public class ProofResource {

    private final ProofService proofs;
    private final Caller caller;

    public ProofResource(ProofService proofs, Caller caller) {
        this.proofs = proofs;
        this.caller = caller;
    }

    /** The proof of the passbook line's transaction ({@code transactionId} of the line). */
    @GET
    @Path("/{transactionId}")
    @Produces(MediaType.APPLICATION_JSON)
    public TransactionProof proof(@PathParam("transactionId") UUID transactionId) {
        return proofs.proof(caller.communityId(), caller.id(), transactionId);
    }
}
