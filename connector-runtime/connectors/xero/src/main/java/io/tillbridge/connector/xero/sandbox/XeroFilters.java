package io.tillbridge.connector.xero.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The filters of the sandbox's list endpoints: Xero's {@code where} parameter and {@code If-Modified-Since}. */
final class XeroFilters {

    private static final Pattern STARTS_WITH = Pattern.compile("(\\w+)\\.StartsWith\\(\"([^\"]*)\"\\)");
    private static final Pattern EQUALS = Pattern.compile("(\\w+)\\s*==\\s*\"([^\"]*)\"");

    private XeroFilters() {
    }

    /**
     * The {@code where} forms the sandbox understands: {@code Field.StartsWith("x")} and
     * {@code Field=="x"}, joined by {@code OR}; anything else answers 400 (Xero's own filter language
     * is larger; the connector uses only these).
     */
    static Predicate<ObjectNode> where(String where) {
        if (where == null || where.isBlank()) {
            return n -> true;
        }
        List<Predicate<ObjectNode>> terms = new ArrayList<>();
        for (String term : where.split("\\s+(?i:OR)\\s+")) {
            Matcher starts = STARTS_WITH.matcher(term.trim());
            Matcher equals = EQUALS.matcher(term.trim());
            if (starts.matches()) {
                terms.add(n -> n.path(starts.group(1)).asText("").startsWith(starts.group(2)));
            } else if (equals.matches()) {
                terms.add(n -> n.path(equals.group(1)).asText("").equals(equals.group(2)));
            } else {
                throw XeroApiException.badRequest("The where clause is not supported by the sandbox: " + term);
            }
        }
        return n -> terms.stream().anyMatch(t -> t.test(n));
    }

    static Predicate<ObjectNode> modifiedSince(Instant since) {
        if (since == null) {
            return n -> true;
        }
        return n -> !updated(n).isBefore(since);
    }

    private static Instant updated(ObjectNode node) {
        String text = node.path("UpdatedDateUTC").asText("");
        Matcher m = Pattern.compile("/Date\\((-?\\d+)").matcher(text);
        return m.find() ? Instant.ofEpochMilli(Long.parseLong(m.group(1))) : Instant.EPOCH;
    }
}
