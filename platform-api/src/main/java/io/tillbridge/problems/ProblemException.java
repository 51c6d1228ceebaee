package io.tillbridge.problems;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Thrown by a service to answer with a specific problem type and detail. The detail is shown to
 * the caller, so it must not contain secrets or another tenant's data.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final Duration retryAfter;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null, null);
    }

    /** With one entry per invalid field, answered as the problem's {@code errors} member. */
    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        this(type, detail, errors, null);
    }

    /** Refused for a while: answered with a {@code Retry-After} header (whole seconds, at least 1). */
    public ProblemException(ProblemType type, String detail, Duration retryAfter) {
        this(type, detail, null, retryAfter);
    }

    private ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors, Duration retryAfter) {
        super(detail);
        this.type = type;
        this.errors = errors == null ? null : List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until a retry may succeed (rounded up, at least 1), when the problem says so. */
    public OptionalLong retryAfterSeconds() {
        if (retryAfter == null) {
            return OptionalLong.empty();
        }
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return OptionalLong.of(Math.max(1, seconds));
    }

    /** The invalid fields, or null when the problem is not about fields. */
    public List<Problem.FieldError> errors() {
        return errors;
    }

    public ProblemType type() {
        return type;
    }
}
