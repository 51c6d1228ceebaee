package io.tillbridge.users;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.time.Duration;

/** Sign-in refused for a while after too many failures: 429 with a {@code Retry-After} header. */
public class LoginThrottledException extends ProblemException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter, String detail) {
        super(ProblemType.RATE_LIMITED, detail);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until a sign-in is accepted again (at least 1), for {@code Retry-After}. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
