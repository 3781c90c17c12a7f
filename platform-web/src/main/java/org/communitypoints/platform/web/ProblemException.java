package org.communitypoints.platform.web;

import java.util.List;

import jakarta.ws.rs.core.Response.Status;

/**
 * A refusal the client can act on, answered as problem+json with a stable code. Services throw it
 * (or a subclass) from inside their transaction so that nothing of the refused request is written.
 *
 * <p>
 * The detail a resident reads comes from the service's message catalog in their language
 * ({@link ProblemMessages}): under the code, or under {@link #withMessage a key of its own}, with
 * {@link #withArgs arguments} filled in. The English detail given to the constructor is the fallback
 * while the catalog has no entry, so existing code keeps working unchanged:
 *
 * <pre>{@code
 * throw ProblemException.conflict("INSUFFICIENT_POINTS", "You have " + balance + " points; this needs " + price + ".")
 *         .withArgs(balance, price); // problems.properties: INSUFFICIENT_POINTS=您有 {0} 积分，需要 {1} 积分。
 * }</pre>
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final String messageKey;
    private final Object[] args;

    public ProblemException(int status, String code, String title, String detail, List<Problem.FieldError> errors) {
        this(status, code, title, detail, errors, code, new Object[0]);
    }

    private ProblemException(int status, String code, String title, String detail, List<Problem.FieldError> errors,
            String messageKey, Object[] args) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors;
        this.messageKey = messageKey;
        this.args = args;
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

    /**
     * The same refusal, its catalog text filled with {@code args} ({@code {0}}, {@code {1}}...), looked up
     * under the code.
     */
    public ProblemException withArgs(Object... args) {
        return withMessage(messageKey, args);
    }

    /**
     * The same refusal, its text looked up under {@code key} (e.g. {@code "INSUFFICIENT_POINTS.hold"}: a
     * second sentence for one code) and filled with {@code args}. The code clients branch on is unchanged.
     */
    public ProblemException withMessage(String key, Object... args) {
        return new ProblemException(status, code, title, getMessage(), errors, key, args.clone());
    }

    /** The catalog key of the detail: the code unless {@link #withMessage} named another. */
    public String messageKey() {
        return messageKey;
    }

    /** The arguments of the catalog text. */
    public Object[] args() {
        return args.clone();
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

    /** The English detail given when thrown: the fallback when no catalog has {@link #messageKey()}. */
    public String detail() {
        return getMessage();
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
