package io.tillbridge.connector.spi;

import java.util.Objects;

/**
 * The outcome of writing one record.
 *
 * @param idempotencyKey the key of the record this result is about
 * @param outcome written, unchanged or rejected
 * @param targetRef the target's identifier of the record (empty when rejected)
 * @param reason why the target rejected it, readable by a merchant; empty otherwise
 */
public record WriteResult(String idempotencyKey, Outcome outcome, String targetRef, String reason) {

    /** What happened to the record. */
    public enum Outcome {
        /** Created or changed in the target. */
        WRITTEN,
        /** Already there as given (for example written by an earlier attempt with the same key). */
        UNCHANGED,
        /** Refused by the target; {@code reason} says why. The batch goes on. */
        REJECTED
    }

    public WriteResult {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(outcome, "outcome");
        targetRef = targetRef == null ? "" : targetRef;
        reason = reason == null ? "" : reason;
        if (outcome == Outcome.REJECTED && reason.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs a reason");
        }
    }

    public static WriteResult written(String idempotencyKey, String targetRef) {
        return new WriteResult(idempotencyKey, Outcome.WRITTEN, targetRef, "");
    }

    public static WriteResult unchanged(String idempotencyKey, String targetRef) {
        return new WriteResult(idempotencyKey, Outcome.UNCHANGED, targetRef, "");
    }

    public static WriteResult rejected(String idempotencyKey, String reason) {
        return new WriteResult(idempotencyKey, Outcome.REJECTED, "", reason);
    }
}
