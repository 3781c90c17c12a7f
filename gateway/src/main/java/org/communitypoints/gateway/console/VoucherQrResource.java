package org.communitypoints.gateway.console;

import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.communitypoints.platform.web.Problem;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.platform.web.QrSvg;
import org.communitypoints.platform.web.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A voucher code drawn as a QR code, for the counter's camera. Drawn on the server so that the page needs no
 * encoder of its own; the code is only encoded, never looked up, so a resident learns nothing they did not send.
 */
@Path("/api/home/vouchers/{code}/qr")
@Tag(name = "Home", description = "The mini-program's first screen")
public class VoucherQrResource {

    /** The catalog's codes: letters and digits. Anything else cannot be a voucher and is not drawn. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{4,32}");
    static final String SVG = "image/svg+xml";

    @GET
    @RolesAllowed(Roles.RESIDENT)
    @Produces(SVG)
    @Operation(summary = "A voucher code as a QR code (SVG)", description = "The code is encoded as given (upper case); nothing is looked up.")
    @APIResponse(responseCode = "200", description = "The QR code", content = @Content(mediaType = SVG, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Not something a voucher code can be (NOT_FOUND)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response qr(@PathParam("code") String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw ProblemException.notFound("NOT_FOUND", "There is nothing at this address.");
        }
        return Response.ok(QrSvg.of(code.toUpperCase(java.util.Locale.ROOT), code.toUpperCase(java.util.Locale.ROOT)), SVG)
                .header("Cache-Control", "private, max-age=3600").build();
    }
}
