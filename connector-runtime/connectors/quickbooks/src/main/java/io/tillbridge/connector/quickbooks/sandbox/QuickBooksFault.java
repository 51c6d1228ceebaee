package io.tillbridge.connector.quickbooks.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * An error answer in Intuit's envelope (vendor-apis.md, QuickBooks Online "Error body"):
 * {@code {"Fault":{"Error":[{"Message","Detail","code","element"}],"type":"ValidationFault"},"time":"..."}}.
 * Object-not-found (610), stale objects (5010) and business validation (6000) answer 400 like the
 * other validation faults.
 */
final class QuickBooksFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String detail;
    private final String element;
    private final String type;

    QuickBooksFault(int status, String type, String code, String message, String detail, String element) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.detail = detail;
        this.element = element;
    }

    /** 400 ValidationFault. */
    static QuickBooksFault validation(String code, String message, String detail, String element) {
        return new QuickBooksFault(400, "ValidationFault", code, message, detail, element);
    }

    /** 2020: a required field is missing. */
    static QuickBooksFault required(String element, String detail) {
        return validation("2020", "Required param missing, need to supply the required value for the API",
                "Required parameter " + element + " is missing in the request" + (detail.isEmpty() ? "" : ": " + detail),
                element);
    }

    /** 2500: a reference to an object the company does not have. */
    static QuickBooksFault invalidReference(String element, String detail) {
        return validation("2500", "Invalid Reference Id", "Invalid Reference Id : " + detail, element);
    }

    /** 6000: a business rule refused the document. */
    static QuickBooksFault business(String detail) {
        return validation("6000", "A business validation error has occurred while processing your request",
                "Business Validation Error: " + detail, "");
    }

    /** 610: no such object. */
    static QuickBooksFault notFound(String entity, String id) {
        return validation("610", "Object Not Found", "Object Not Found : Something you're trying to use has been made"
                + " inactive. Check the fields with accounts, customers, items, vendors or employees. (" + entity + " "
                + id + ")", "");
    }

    /** 5010: the SyncToken of an update is not the object's current one. */
    static QuickBooksFault stale(String entity, String id) {
        return validation("5010", "Stale Object Error", "Stale Object Error : You and another user were working on"
                + " the same thing. " + entity + " " + id + " was saved by the other user first, so your changes were"
                + " not saved.", "SyncToken");
    }

    /** 401 with code 120 (the brief's model; Intuit's exact 401 body is UNVERIFIED). */
    static QuickBooksFault unauthorized() {
        return new QuickBooksFault(401, "AUTHENTICATION", "120", "Authorization Failure",
                "AuthorizationFailure: Unknown Error during Authentication (a missing, expired or unknown bearer token)",
                "");
    }

    /** 429: the realm's quota is spent (code 3001 ThrottleExceeded per second-hand sources: UNVERIFIED). */
    static QuickBooksFault throttled(String why) {
        return new QuickBooksFault(429, "SERVICE", "3001", "message=ThrottleExceeded; errorCode=003001; statusCode=429",
                "The request limit was reached: " + why, "");
    }

    /** A scripted server error. */
    static QuickBooksFault server(int status) {
        return new QuickBooksFault(status, "SERVICE", "10000", "An application error has occurred while processing"
                + " your request", "System Failure Error: a scripted sandbox fault (HTTP " + status + ")", "");
    }

    int status() {
        return status;
    }

    ObjectNode body(Instant now) {
        ObjectNode root = QuickBooksJson.object();
        ObjectNode fault = root.putObject("Fault");
        ObjectNode error = fault.putArray("Error").addObject();
        error.put("Message", getMessage());
        error.put("Detail", detail);
        error.put("code", code);
        if (!element.isEmpty()) {
            error.put("element", element);
        }
        fault.put("type", type);
        root.put("time", QuickBooksJson.time(now));
        return root;
    }
}
