package io.tillbridge.connector.xero.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * An error answer of the sandbox in Xero's shapes: the {@code ValidationException} body of the
 * Accounting API ({@code {ErrorNumber, Type, Message, Elements[{ValidationErrors[{Message}]}]}},
 * the {@code Error} schema of Xero's OpenAPI document) for 400, and the problem body Xero's gateway
 * answers for 401, 403 and 404 ({@code {Type, Title, Status, Detail}}; the exact gateway body is not
 * in the OpenAPI document and is modelled after captured answers).
 */
final class XeroApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonNode body;
    private final transient Map<String, String> headers;

    XeroApiException(int status, JsonNode body, Map<String, String> headers) {
        super(body == null ? "HTTP " + status : body.toString());
        this.status = status;
        this.body = body;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    JsonNode body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** 400 ValidationException (ErrorNumber 10) with these elements, each already holding its ValidationErrors. */
    static XeroApiException validation(List<JsonNode> elements) {
        ObjectNode body = XeroJson.object();
        body.put("ErrorNumber", 10);
        body.put("Type", "ValidationException");
        body.put("Message", "A validation exception occurred");
        ArrayNode array = body.putArray("Elements");
        elements.forEach(array::add);
        return new XeroApiException(400, body, Map.of());
    }

    /** 400 ValidationException about the request as a whole. */
    static XeroApiException badRequest(String message) {
        ObjectNode element = XeroJson.object();
        element.putArray("ValidationErrors").addObject().put("Message", message);
        return validation(List.of(element));
    }

    /** 401 (token missing, unknown or expired) or 403 (tenant missing or not connected). */
    static XeroApiException gateway(int status, String detail) {
        ObjectNode body = XeroJson.object();
        body.putNull("Type");
        body.put("Title", status == 401 ? "Unauthorized" : status == 403 ? "Forbidden" : "Not Found");
        body.put("Status", status);
        body.put("Detail", detail);
        body.putObject("Extensions");
        return new XeroApiException(status, body, Map.of());
    }

    /** 404 with Xero's plain "The resource you're looking for cannot be found". */
    static XeroApiException notFound(String what) {
        return gateway(404, "The resource you're looking for cannot be found: " + what);
    }

    /** 500 in the Error shape. */
    static XeroApiException serverError(int status) {
        ObjectNode body = XeroJson.object();
        body.put("ErrorNumber", 500);
        body.put("Type", "UnknownErrorException");
        body.put("Message", "A scripted sandbox fault");
        return new XeroApiException(status, body, Map.of());
    }
}
