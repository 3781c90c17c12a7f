package org.communitypoints.platform.data;

import jakarta.annotation.security.PermitAll;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Exists only in these tests: reads that fail the way a read fails when PostgreSQL goes away (the server ends the
 * connection under the running transaction) and the way a bug fails (a statement that can never succeed).
 */
@Path("/outage-probe")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class OutageProbeResource {

    private final EntityManager entityManager;

    public OutageProbeResource(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** PostgreSQL terminates this very connection, as it does to every connection when it shuts down (57P01). */
    @GET
    @Path("/connection-lost")
    @Transactional
    public Object connectionLost() {
        return entityManager.createNativeQuery("SELECT pg_terminate_backend(pg_backend_pid())").getSingleResult();
    }

    /** An ordinary read, answered 200 whenever the pool hands out a connection that works. */
    @GET
    @Path("/read")
    @Transactional
    public Object read() {
        return entityManager.createNativeQuery("SELECT 1").getSingleResult();
    }

    /** Division by zero (22012): fails the same way however often it is tried. */
    @GET
    @Path("/bug")
    @Transactional
    public Object bug() {
        return entityManager.createNativeQuery("SELECT 1 / (SELECT count(*) FROM pg_class WHERE false)").getSingleResult();
    }
}
