package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error answered in Square's envelope: {@code {"errors":[{"category","code","detail","field"}]}}
 * (the spec's {@code Error} object; {@code category} and {@code code} are required).
 */
final class SquareApiException extends RuntimeException {

    private final int status;
    private final String category;
    private final String code;
    private final String field;

    SquareApiException(int status, String category, String code, String detail, String field) {
        super(detail);
        this.status = status;
        this.category = category;
        this.code = code;
        this.field = field;
    }

    static SquareApiException badRequest(String code, String detail, String field) {
        return new SquareApiException(400, "INVALID_REQUEST_ERROR", code, detail, field);
    }

    static SquareApiException unauthorized(String code, String detail) {
        return new SquareApiException(401, "AUTHENTICATION_ERROR", code, detail, null);
    }

    static SquareApiException notFound(String detail) {
        return new SquareApiException(404, "INVALID_REQUEST_ERROR", "NOT_FOUND", detail, null);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    ObjectNode body() {
        ObjectNode error = SquareJson.object();
        error.put("category", category);
        error.put("code", code);
        if (getMessage() != null) {
            error.put("detail", getMessage());
        }
        if (field != null) {
            error.put("field", field);
        }
        ObjectNode body = SquareJson.object();
        body.putArray("errors").add(error);
        return body;
    }
}
