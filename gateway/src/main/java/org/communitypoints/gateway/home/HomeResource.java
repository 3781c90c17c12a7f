package org.communitypoints.gateway.home;

import java.util.Locale;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.communitypoints.platform.web.Caller;
import org.communitypoints.platform.web.CorrelationIdFilter;
import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/home")
@Tag(name = "Home", description = "The mini-program's first screen")
public class HomeResource {

    private final HomeService home;
    private final HomeViews views;
    private final JsonWebToken token;
    private final Caller caller;

    public HomeResource(HomeService home, HomeViews views, JsonWebToken token, Caller caller) {
        this.home = home;
        this.views = views;
        this.token = token;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.RESIDENT)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "My home: balance, recent passbook lines, upcoming activities and active vouchers in one call", description = "Each part has status ok with its data, or unavailable (data null) when its service is down"
            + " or slow; the answer is 200 either way. A complete screen is kept for a few seconds"
            + " (gateway.home.view-max-age, 5 s) and answered again from it; the resident's own changes end it at once,"
            + " others' changes show within that time. Send Cache-Control: no-cache to ask the services afresh.")
    @APIResponse(responseCode = "200", description = "The home screen", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HomeView.class)))
    @APIResponse(responseCode = "403", description = "Not a resident, or the account is not linked to a community (NO_COMMUNITY)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    /** The view as HomeViews keeps it: HomeView written as JSON once, when it was fetched. */
    public CompletionStage<byte[]> home(@Context HttpHeaders headers) {
        // Said once and clearly here rather than as four unavailable parts.
        String communityId = caller.communityId();
        String authorization = "Bearer " + token.getRawToken();
        String correlationId = headers.getHeaderString(CorrelationIdFilter.HEADER);
        return views.viewOf(HomeViews.keyOf(communityId, caller.id()), wantsFresh(headers),
                () -> home.homeOf(authorization, correlationId));
    }

    /** Pull to refresh: {@code Cache-Control: no-cache} (or {@code max-age=0}, a browser's reload) asks the services. */
    static boolean wantsFresh(HttpHeaders headers) {
        String cacheControl = headers.getHeaderString(HttpHeaders.CACHE_CONTROL);
        if (cacheControl == null) {
            return false;
        }
        String directives = cacheControl.toLowerCase(Locale.ROOT).replace(" ", "");
        return directives.contains("no-cache") || directives.contains("max-age=0");
    }
}
