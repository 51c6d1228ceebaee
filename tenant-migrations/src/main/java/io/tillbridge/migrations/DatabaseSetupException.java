package io.tillbridge.migrations;

/**
 * The database could not be prepared for the platform. The message says what to do about it.
 */
public class DatabaseSetupException extends RuntimeException {

    public DatabaseSetupException(String message) {
        super(message);
    }

    public DatabaseSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
