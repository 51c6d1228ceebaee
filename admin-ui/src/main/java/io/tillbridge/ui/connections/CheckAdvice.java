package io.tillbridge.ui.connections;

import io.tillbridge.connections.CheckOutcome;

/** A connection check's outcome as a merchant reads it: what happened and what to do about it. */
final class CheckAdvice {

    private CheckAdvice() {
    }

    /** "Connected." or the failure with the fix, in one or two sentences. */
    static String of(CheckOutcome outcome) {
        String detail = outcome.message() == null || outcome.message().isBlank() ? "" : " (" + outcome.message() + ")";
        return switch (outcome.status()) {
            case "OK" -> "Connected: the system answered and accepted the credentials.";
            case "AUTH" -> "The system refused the credentials" + detail
                    + ". Enter them again, or connect again if access was revoked.";
            case "CONFIG" -> "A setting is not right" + detail + ". Correct it and test again.";
            case "TRANSIENT" -> "The system could not be reached just now" + detail
                    + ". Nothing needs changing if the address is right: test again in a minute.";
            default -> "The check failed on our side" + detail + ". Try again; if it keeps failing, contact support.";
        };
    }
}
