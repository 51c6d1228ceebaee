package io.tillbridge.platform;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;

/**
 * Optimistic concurrency on resource versions. Every updatable resource has an integer version that
 * each update increments; an update names the version it was based on and is refused (412) when the
 * resource has moved on since, so that no update silently overwrites another. Controllers carry the
 * version as an ETag ({@code io.tillbridge.platform.web.ETags}); services only compare numbers.
 */
public final class Versions {

    private Versions() {
    }

    /** Refuses with 412 unless {@code expected} is the current version. */
    public static void requireCurrent(int expected, int current) {
        if (expected != current) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "The resource changed since you read it"
                    + " (your version " + expected + ", now " + current + "). Read it again and reapply your change.");
        }
    }
}
