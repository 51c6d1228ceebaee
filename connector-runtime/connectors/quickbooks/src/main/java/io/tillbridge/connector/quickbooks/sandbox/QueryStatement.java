package io.tillbridge.connector.quickbooks.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Intuit's query language the sandbox understands: {@code SELECT * FROM <Entity>
 * [WHERE <Field> = '<value>' | <Field> LIKE '<prefix>%'] [STARTPOSITION n] [MAXRESULTS m]}, keywords
 * in any case. {@code STARTPOSITION} is 1-based; {@code MAXRESULTS} defaults to 100 and may not
 * exceed 1000 (Intuit's query documentation; the keywords are listed UNVERIFIED in vendor-apis.md,
 * open item 6). A field may be dotted ({@code MetaData.LastUpdatedTime}); a quote inside a value is
 * written {@code \'}. Anything else is a 400 {@code QueryParserError} (code 4000).
 *
 * @param entity the entity name as written in the query ({@code JournalEntry})
 * @param field the filtered field, or null
 * @param prefix true for {@code LIKE 'x%'}, false for {@code = 'x'}
 * @param value the compared value (without the {@code %} of a prefix)
 * @param start the 1-based position of the first result
 * @param max the most results
 */
record QueryStatement(String entity, String field, boolean prefix, String value, int start, int max) {

    static final int DEFAULT_MAX = 100;
    static final int LIMIT = 1000;
    private static final int MAX_LENGTH = 4000;

    private static final Pattern SELECT = Pattern.compile(
            "\\s*SELECT\\s+\\*\\s+FROM\\s+([A-Za-z]+)"
                    + "(?:\\s+WHERE\\s+([A-Za-z][A-Za-z.]{0,60})\\s*(=|LIKE)\\s*'((?:[^'\\\\]|\\\\.){0,500})')?"
                    + "(?:\\s+STARTPOSITION\\s+(\\d{1,9}))?(?:\\s+MAXRESULTS\\s+(\\d{1,9}))?\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);

    static QueryStatement parse(String query) {
        if (query == null || query.isBlank()) {
            throw error("the query parameter is missing");
        }
        if (query.length() > MAX_LENGTH) {
            throw error("the query is longer than " + MAX_LENGTH + " characters");
        }
        Matcher m = SELECT.matcher(query);
        if (!m.matches()) {
            throw error("Encountered an unsupported statement in \"" + clip(query) + "\"; the sandbox reads SELECT * FROM"
                    + " <Entity> [WHERE <Field> = '<value>' | LIKE '<prefix>%'] [STARTPOSITION n] [MAXRESULTS m]");
        }
        String field = m.group(2);
        boolean like = field != null && m.group(3).toUpperCase(Locale.ROOT).equals("LIKE");
        String value = field == null ? null : m.group(4).replace("\\'", "'");
        if (like) {
            if (!value.endsWith("%") || value.substring(0, value.length() - 1).contains("%")) {
                throw error("the sandbox reads LIKE '<prefix>%' only");
            }
            value = value.substring(0, value.length() - 1);
        }
        int start = m.group(5) == null ? 1 : Integer.parseInt(m.group(5));
        int max = m.group(6) == null ? DEFAULT_MAX : Integer.parseInt(m.group(6));
        if (start < 1) {
            throw error("STARTPOSITION starts at 1");
        }
        if (max < 1 || max > LIMIT) {
            throw error("MAXRESULTS must be 1 to " + LIMIT + ": " + max);
        }
        return new QueryStatement(m.group(1), field, like, value, start, max);
    }

    /** Whether an entity matches the WHERE clause (case-sensitive values, as stored). */
    boolean matches(JsonNode entityNode) {
        if (field == null) {
            return true;
        }
        JsonNode node = entityNode;
        for (String part : field.split("\\.")) {
            node = node.path(part);
        }
        if (node.isObject() && node.has("value")) {
            node = node.path("value");
        }
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        String text = node.asText();
        return prefix ? text.startsWith(value) : text.equals(value);
    }

    private static QuickBooksFault error(String detail) {
        return QuickBooksFault.validation("4000", "Error parsing query", "QueryParserError: " + detail, "");
    }

    private static String clip(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
