package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An API error as the sandbox answers it: a status and {@code {"message": "..."}}. Clover's error
 * body is not documented in a source we could verify; this shape is the sandbox's model of it.
 */
final class CloverApiException extends RuntimeException {

    private final int status;

    CloverApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    static CloverApiException badRequest(String message) {
        return new CloverApiException(400, message);
    }

    static CloverApiException unauthorized() {
        return new CloverApiException(401, "401 Unauthorized");
    }

    static CloverApiException notFound(String message) {
        return new CloverApiException(404, message);
    }

    static CloverApiException tooManyRequests() {
        return new CloverApiException(429, "429 Too Many Requests");
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        ObjectNode body = CloverJson.object();
        body.put("message", getMessage());
        return body;
    }
}
