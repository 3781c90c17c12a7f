package org.communitypoints.platform.web;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/** Builds problem+json responses the same way in every service. */
public final class Problems {

    private Problems() {
    }

    public static Response response(int status, String code, String title, String detail, String instance,
            List<Problem.FieldError> errors) {
        Problem problem = new Problem(typeOf(code), title, status, detail, instance, code, errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Response response(Status status, String code, String detail, String instance) {
        return response(status.getStatusCode(), code, status.getReasonPhrase(), detail, instance, null);
    }

    /** The refusal with the English detail it was thrown with (no catalog lookup). */
    public static Response response(ProblemException e, String instance) {
        return response(e.status(), e.code(), e.title(), e.detail(), instance, e.errors());
    }

    /** The refusal in the caller's language: title and detail from the catalogs ({@link ProblemMessages}). */
    public static Response response(ProblemException e, String instance, Locale locale) {
        Response response = response(e.status(), e.code(), ProblemMessages.title(e.status(), locale, e.title()),
                ProblemMessages.detail(e, locale), instance, e.errors());
        response.getHeaders().putSingle(jakarta.ws.rs.core.HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
        return response;
    }

    /** A relative URI per code, documented in the README's error table. */
    public static String typeOf(String code) {
        return "/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The same problem as JSON text, for layers below JAX-RS (Vert.x routes) that cannot use the mapper. */
    public static String json(int status, String code, String title, String detail, String instance) {
        return "{\"type\":\"" + typeOf(code) + "\",\"title\":\"" + escape(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\",\"instance\":\"" + escape(instance) + "\",\"code\":\"" + code
                + "\"}";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
