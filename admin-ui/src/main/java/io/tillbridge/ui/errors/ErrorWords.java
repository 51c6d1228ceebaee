package io.tillbridge.ui.errors;

import io.tillbridge.errors.ErrorCategory;

/** Error categories as a merchant reads them, with what usually fixes each. */
public final class ErrorWords {

    private ErrorWords() {
    }

    /** Whether a changed mapping can fix this kind of error (the builder's fix-and-retry flow). */
    static boolean mappingFixes(ErrorCategory category) {
        return category == ErrorCategory.MAPPING || category == ErrorCategory.VALUE || category == ErrorCategory.UNMAPPED_VALUE;
    }

    /** Opens the builder of the integration's mapping to fix errors of {@code category} (at {@code field}, when known). */
    static void openFix(java.util.UUID integrationId, ErrorCategory category, String field) {
        java.util.Map<String, String> query = new java.util.LinkedHashMap<>();
        if (field != null && !field.isBlank()) {
            query.put("field", field);
        }
        query.put("errorKind", category.wire());
        com.vaadin.flow.component.UI.getCurrent().navigate("integrations/" + integrationId + "/mapping",
                com.vaadin.flow.router.QueryParameters.simple(query));
    }

    static String category(String wire) {
        return category(ErrorCategory.fromWire(wire));
    }

    public static String category(ErrorCategory category) {
        return switch (category) {
            case AUTH -> "Credentials refused";
            case MAPPING -> "Mapping problem";
            case VALUE -> "Value the target cannot take";
            case UNMAPPED_VALUE -> "Value with no mapping";
            case RATE_LIMIT -> "Rate limited";
            case TRANSIENT -> "Temporary failure";
            case REJECTED_BY_TARGET -> "Refused by the target";
            case DUPLICATE -> "Duplicate";
            case MISSING_REFERENCE -> "Refers to a record that never came";
        };
    }

    /** What to do about a kind of error. */
    static String fix(ErrorCategory category) {
        return switch (category) {
            case AUTH -> "Connect again or enter new credentials on the connection, then retry.";
            case MAPPING, VALUE -> "Correct the field's rule in the mapping, then retry.";
            case UNMAPPED_VALUE -> "Add the value to the value map, then retry.";
            case RATE_LIMIT, TRANSIENT -> "Usually clears by itself: retry.";
            case REJECTED_BY_TARGET -> "Read the target's message, correct the record or the mapping, then retry.";
            case DUPLICATE -> "Usually nothing to do: ignore it if the record is already in the target.";
            case MISSING_REFERENCE -> "Check that the vendor has the record it refers to and that an integration"
                    + " reads it; retry to write this record without it, or ignore it.";
        };
    }

    static String status(String wire) {
        return switch (wire) {
            case "open" -> "Open";
            case "resolved" -> "Resolved";
            case "ignored" -> "Ignored";
            case "retried" -> "Retry queued";
            default -> wire;
        };
    }
}
