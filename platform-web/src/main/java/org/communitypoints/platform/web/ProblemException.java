package org.communitypoints.platform.web;

import java.util.List;

import jakarta.ws.rs.core.Response.Status;

/**
 * A refusal the client can act on, answered as problem+json with a stable code. Services throw it
 * (or a subclass) from inside their transaction so that nothing of the refused request is written.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String code, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors;
    }

    public ProblemException(Status status, String code, String detail) {
        this(status.getStatusCode(), code, status.getReasonPhrase(), detail, null);
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(Status.BAD_REQUEST, code, detail);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(Status.NOT_FOUND, code, detail);
    }

    public static ProblemException forbidden(String code, String detail) {
        return new ProblemException(Status.FORBIDDEN, code, detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(Status.CONFLICT, code, detail);
    }

    public static ProblemException unprocessable(String code, String detail) {
        return new ProblemException(422, code, "Unprocessable Content", detail, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
