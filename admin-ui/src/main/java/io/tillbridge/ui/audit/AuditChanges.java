package io.tillbridge.ui.audit;

import io.tillbridge.audit.AuditEntry;
import io.tillbridge.ui.FlatValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An audit entry as a person reads it: the action in words, the target by its name rather than
 * its id where the entry says the name, and the before and after states as the fields that
 * changed, each with its old and new value.
 */
final class AuditChanges {

    /** One field that changed; {@code before} or {@code after} is "—" when the field was absent. */
    record Change(String field, String before, String after) {
    }

    static final String NONE = "—";
    /** Fields that name a target, in the order they are preferred. */
    private static final List<String> NAME_FIELDS = List.of("name", "businessName", "email", "title", "slug");
    /** Bookkeeping that changes with every write and says nothing to a reader. */
    private static final Set<String> IGNORED = Set.of("version", "updatedAt");

    private AuditChanges() {
    }

    /** "tenant.settings-changed" as "Tenant: settings changed". */
    static String action(String action) {
        if (action == null || action.isBlank()) {
            return "";
        }
        String[] parts = action.split("\\.");
        StringBuilder text = new StringBuilder(capitalised(words(parts[0])));
        for (int i = 1; i < parts.length; i++) {
            text.append(i == 1 ? ": " : " ").append(words(parts[i]));
        }
        return text.toString();
    }

    /** The target's type and its name where the entry carries one, else a short form of its id. */
    static String target(AuditEntry entry) {
        if (entry.targetType() == null) {
            return "";
        }
        String type = capitalised(words(entry.targetType()));
        String name = name(entry.after()).or(() -> name(entry.before())).orElse(null);
        if (name != null) {
            return type + " " + name;
        }
        if (entry.targetId() == null) {
            return type;
        }
        String id = entry.targetId();
        return type + " " + (id.length() > 8 ? id.substring(0, 8) + "…" : id);
    }

    /** The fields that differ between before and after, nested fields as dotted paths. */
    static List<Change> changes(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> old = FlatValues.of(before);
        Map<String, Object> now = FlatValues.of(after);
        Set<String> fields = new LinkedHashSet<>(old.keySet());
        fields.addAll(now.keySet());
        List<Change> changes = new ArrayList<>();
        for (String field : fields) {
            String last = field.substring(field.lastIndexOf('.') + 1);
            if (IGNORED.contains(last)) {
                continue;
            }
            Object a = old.get(field);
            Object b = now.get(field);
            if (before != null && after != null && sameValue(a, b)) {
                continue;
            }
            changes.add(new Change(label(field), text(a), text(b)));
        }
        return changes;
    }

    private static java.util.Optional<String> name(Map<String, Object> state) {
        if (state == null) {
            return java.util.Optional.empty();
        }
        return NAME_FIELDS.stream().map(state::get).filter(v -> v instanceof String s && !s.isBlank())
                .map(String.class::cast).findFirst();
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }

    private static String text(Object value) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? NONE : String.join(", ", list.stream().map(AuditChanges::text).toList());
        }
        if (value instanceof Map<?, ?> map && map.isEmpty()) {
            return NONE;
        }
        String text = value.toString();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** "kpiTargets.targetErrorRate" as "KPI targets › target error rate". */
    private static String label(String field) {
        String[] parts = field.split("\\.");
        List<String> words = new ArrayList<>();
        for (String part : parts) {
            words.add(words(part));
        }
        return capitalised(String.join(" › ", words));
    }

    /** camelCase, kebab-case and snake_case as lower-case words; known abbreviations upper case. */
    static String words(String identifier) {
        String spaced = identifier.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('-', ' ').replace('_', ' ')
                .toLowerCase(Locale.ROOT);
        return (" " + spaced + " ").replace(" kpi ", " KPI ").replace(" id ", " ID ").replace(" url ", " URL ")
                .replace(" api ", " API ").replace(" oauth ", " OAuth ").strip();
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
