package io.tillbridge.support;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;

/**
 * Why a support user suspends a tenant or enters one: 3 to 500 characters once the spaces around
 * it are trimmed, so that a reason of blanks around one letter is refused rather than stored.
 *
 * @param text the trimmed reason
 */
public record Reason(String text) {

    public static final int MIN = 3;
    public static final int MAX = 500;

    public Reason {
        text = text == null ? "" : text.trim();
        if (text.length() < MIN || text.length() > MAX) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED,
                    "reason: must have " + MIN + " to " + MAX + " characters, not counting spaces around it");
        }
    }
}
