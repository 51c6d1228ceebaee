package io.tillbridge.connector.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled source path: {@code total_money.amount}, {@code tenders[0].type}, {@code item.name}
 * (where {@code item} is the flatten alias). Reading a missing step answers null, never throws.
 */
final class ValuePath {

    private final String text;
    private final boolean fromAlias;
    private final Object[] steps; // String (field) or Integer (index)

    private ValuePath(String text, boolean fromAlias, Object[] steps) {
        this.text = text;
        this.fromAlias = fromAlias;
        this.steps = steps;
    }

    /**
     * Parses a path.
     *
     * @param alias the flatten alias, or null
     * @throws IllegalArgumentException with a message for the user if the path is malformed
     */
    static ValuePath parse(String text, String alias) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the path is empty");
        }
        List<Object> steps = new ArrayList<>();
        int i = 0;
        int n = text.length();
        StringBuilder name = new StringBuilder();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                if (name.length() == 0 && (steps.isEmpty() || !(steps.get(steps.size() - 1) instanceof Integer))) {
                    throw new IllegalArgumentException("empty field name at position " + i + " of '" + text + "'");
                }
                if (name.length() > 0) {
                    steps.add(name.toString());
                    name.setLength(0);
                }
                i++;
            } else if (c == '[') {
                if (name.length() > 0) {
                    steps.add(name.toString());
                    name.setLength(0);
                }
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("missing ']' in '" + text + "'");
                }
                try {
                    int index = Integer.parseInt(text.substring(i + 1, close).trim());
                    if (index < 0) {
                        throw new NumberFormatException();
                    }
                    steps.add(index);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text.substring(i + 1, close)
                            + "' is not an array index (0, 1, ...) in '" + text + "'");
                }
                i = close + 1;
            } else {
                name.append(c);
                i++;
            }
        }
        if (name.length() > 0) {
            steps.add(name.toString());
        } else if (text.endsWith(".")) {
            throw new IllegalArgumentException("'" + text + "' ends with '.'");
        }
        // Field names parsed by Jackson are interned: interned steps make most key comparisons '=='.
        steps.replaceAll(s -> s instanceof String ? ((String) s).intern() : s);
        boolean fromAlias = alias != null && !steps.isEmpty() && alias.equals(steps.get(0));
        if (fromAlias) {
            steps.remove(0);
        }
        return new ValuePath(text, fromAlias, steps.toArray());
    }

    String text() {
        return text;
    }

    /** The first field name, for schema checks; empty if the path starts at the alias itself. */
    String head() {
        return steps.length > 0 && steps[0] instanceof String ? (String) steps[0] : "";
    }

    boolean fromAlias() {
        return fromAlias;
    }

    /** The path without the alias, as discovery names nested fields ({@code a.b}). */
    String fieldName() {
        StringBuilder b = new StringBuilder();
        for (Object s : steps) {
            if (s instanceof String) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(s);
            }
        }
        return b.toString();
    }

    Object read(Map<String, Object> record, Object aliasValue) {
        Object current = fromAlias ? aliasValue : record;
        for (Object step : steps) {
            if (current == null) {
                return null;
            }
            if (step instanceof String) {
                if (!(current instanceof Map)) {
                    return null;
                }
                current = ((Map<?, ?>) current).get(step);
            } else {
                if (!(current instanceof List)) {
                    return null;
                }
                List<?> list = (List<?>) current;
                int index = (Integer) step;
                current = index < list.size() ? list.get(index) : null;
            }
        }
        return current;
    }
}
