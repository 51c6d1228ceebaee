package io.tillbridge.engine;

import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.errors.ErrorCategory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a source said about a record it could read only in part ({@link SourceRecord#PROBLEMS}: a
 * spreadsheet row whose cell is not of its column's type): the record is not mapped and nothing of
 * it is written; it goes to the error inbox as one VALUE error (the inbox keeps one open error per
 * record and category) with the first problem's field and value, and every problem's message (they
 * carry the line number). A retry of it fails the same way, since the stored record keeps its
 * problems: the fix is in the source (for a spreadsheet, a corrected file uploaded again).
 */
final class SourceProblems {

    /** The longest message kept, in characters. */
    static final int MAX_MESSAGE = 2_000;
    static final String HINT = "Correct the record where it comes from (for a spreadsheet: the file, uploaded again);"
            + " it is written once it reads cleanly";

    private SourceProblems() {
    }

    /** The record's failure, or null when its source reported no problem. */
    static RecordMapper.Failure of(SourceRecord record) {
        Object reported = record.data().get(SourceRecord.PROBLEMS);
        if (reported == null) {
            return null;
        }
        List<Object> problems = new ArrayList<>();
        if (reported instanceof Collection<?> list) {
            problems.addAll(list);
        } else {
            problems.add(reported);
        }
        problems.removeIf(p -> p == null);
        if (problems.isEmpty()) {
            return null;
        }
        String firstField = null;
        Object firstValue = null;
        List<String> messages = new ArrayList<>(problems.size());
        for (int i = 0; i < problems.size(); i++) {
            Object problem = problems.get(i);
            String field = null;
            String message;
            Object value = null;
            if (problem instanceof Map<?, ?> map) {
                field = text(map.get("field"));
                message = text(map.get("message"));
                value = map.get("value");
            } else {
                message = text(problem);
            }
            if (message == null || message.isBlank()) {
                message = "the source could not read this record in full";
            }
            if (i == 0) {
                firstField = field == null || field.isBlank() ? null : field;
                firstValue = value;
            }
            messages.add(problems.size() == 1 || field == null || field.isBlank() ? message : field + ": " + message);
        }
        String message = messages.size() == 1 ? messages.get(0)
                : messages.size() + " problems: " + String.join("; ", messages);
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE - 1) + "\u2026";
        }
        return new RecordMapper.Failure(ErrorCategory.VALUE, firstField == null ? null : cut(firstField, 500), message,
                HINT, firstValue instanceof Map<?, ?> || firstValue instanceof Collection<?> ? null : firstValue);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
