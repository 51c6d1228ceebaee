package io.tillbridge.problems;

import java.util.List;

/**
 * Thrown by a service to answer with a specific problem type and detail. The detail is shown to
 * the caller, so it must not contain secrets or another tenant's data.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    /** With one entry per invalid field, answered as the problem's {@code errors} member. */
    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.type = type;
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    /** The invalid fields, or null when the problem is not about fields. */
    public List<Problem.FieldError> errors() {
        return errors;
    }

    public ProblemType type() {
        return type;
    }
}
