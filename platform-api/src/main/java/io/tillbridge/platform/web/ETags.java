package io.tillbridge.platform.web;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;

/**
 * Entity tags from resource versions. Every updatable resource has an integer version; its ETag is
 * the quoted version. Updates must send it back in If-Match: a missing one answers 428 here, a stale
 * one 412 from the service ({@link io.tillbridge.platform.Versions}), so that no update silently
 * overwrites another.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(int version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header names. */
    public static int requireVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag you read, e.g. If-Match: \"3\".");
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                    "If-Match " + ifMatch + " is not an ETag of this resource; read it again.");
        }
    }
}
