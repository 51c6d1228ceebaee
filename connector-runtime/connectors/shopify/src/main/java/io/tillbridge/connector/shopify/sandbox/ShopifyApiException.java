package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An error answer of the REST API: its status and its {@code {"errors": ...}} body. */
final class ShopifyApiException extends RuntimeException {

    private final int status;
    private final transient ObjectNode body;

    ShopifyApiException(int status, ObjectNode body) {
        super(body.toString());
        this.status = status;
        this.body = body;
    }

    static ShopifyApiException badRequest(String message) {
        return new ShopifyApiException(400, ShopifyJson.errors(message));
    }

    static ShopifyApiException notFound() {
        return new ShopifyApiException(404, ShopifyJson.errors("Not Found"));
    }

    static ShopifyApiException invalid(String field, String message) {
        return new ShopifyApiException(422, ShopifyJson.fieldErrors(field, message));
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body;
    }
}
