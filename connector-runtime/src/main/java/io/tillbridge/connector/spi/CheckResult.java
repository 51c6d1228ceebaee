package io.tillbridge.connector.spi;

import java.util.Objects;

/**
 * The outcome of a connector's connectivity check. A check never throws: every failure is one of
 * these results, typed so that the platform can tell a merchant what to do about it.
 *
 * @param status OK or the failure category
 * @param message a readable sentence for the merchant; empty when OK
 */
public record CheckResult(Status status, String message) {

    /** OK, or why the check failed. */
    public enum Status {
        /** The configuration works. */
        OK,
        /** The configuration is invalid (missing field, malformed URL): the merchant must fix it. */
        CONFIG,
        /** The credentials were refused: the merchant must reconnect or renew them. */
        AUTH,
        /** The system could not be reached now (timeout, 5xx, 429): trying later may work. */
        TRANSIENT,
        /** An unexpected error inside the connector or the vendor: support must look at it. */
        SYSTEM
    }

    public CheckResult {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static CheckResult ok() {
        return new CheckResult(Status.OK, "");
    }

    public static CheckResult failed(Status status, String message) {
        if (status == Status.OK) {
            throw new IllegalArgumentException("a failure needs a failure status");
        }
        return new CheckResult(status, message);
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
