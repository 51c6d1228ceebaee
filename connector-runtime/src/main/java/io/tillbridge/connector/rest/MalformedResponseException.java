package io.tillbridge.connector.rest;

/**
 * A response that parsed badly or lacks what a page must have (a truncated body, a missing records
 * array). {@link JsonHttpClient} retries it like a 5xx: a bad page is never taken as the end of data.
 */
public class MalformedResponseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message) {
        super(message);
    }

    public MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
