package io.tillbridge.users;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.time.Duration;

/** Sign-in refused for a while after too many failures: 429 with a {@code Retry-After} header. */
public class LoginThrottledException extends ProblemException {

    public LoginThrottledException(Duration retryAfter, String detail) {
        super(ProblemType.RATE_LIMITED, detail, retryAfter);
    }
}
