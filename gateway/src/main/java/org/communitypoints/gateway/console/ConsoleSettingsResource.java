package org.communitypoints.gateway.console;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.communitypoints.gateway.config.GatewayConfig;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Where the web console logs people in. Served outside {@code /api}: the page asks for it before it has a token,
 * and it names only what any browser learns by following the login redirect anyway.
 */
@Path("/console/settings")
public class ConsoleSettingsResource {

    private final GatewayConfig config;

    public ConsoleSettingsResource(GatewayConfig config) {
        this.config = config;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public ConsoleSettings settings() {
        return new ConsoleSettings(config.webConsole().issuerUrl(), config.webConsole().clientId());
    }
}
