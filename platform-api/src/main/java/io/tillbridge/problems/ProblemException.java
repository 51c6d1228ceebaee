package io.tillbridge.problems;

/**
 * Thrown by a service to answer with a specific problem type and detail. The detail is shown to
 * the caller, so it must not contain secrets or another tenant's data.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;

    public ProblemException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
