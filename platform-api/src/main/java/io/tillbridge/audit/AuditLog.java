package io.tillbridge.audit;

import io.micronaut.json.JsonMapper;
import io.tillbridge.audit.internal.AuditEntries;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Appends to the audit log inside the caller's transaction, so that a change and its record commit
 * or roll back together. Values under keys that look secret are replaced by {@value #REDACTED}.
 */
@Singleton
public class AuditLog {

    public static final String REDACTED = "[redacted]";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|secret|token|api[_-]?key|credential|private[_-]?key|hash).*");

    private final JsonMapper json;

    public AuditLog(JsonMapper json) {
        this.json = json;
    }

    /** One audit entry: what happened to which target, with the state before and after. */
    public record Entry(String action, String targetType, String targetId, Map<String, ?> before, Map<String, ?> after) {

        public static Entry of(String action, String targetType, Object targetId) {
            return new Entry(action, targetType, targetId == null ? null : targetId.toString(), null, null);
        }

        public Entry before(Map<String, ?> state) {
            return new Entry(action, targetType, targetId, state, after);
        }

        public Entry after(Map<String, ?> state) {
            return new Entry(action, targetType, targetId, before, state);
        }
    }

    /**
     * Appends {@code entry}, done by {@code actor} in {@code tenant} (null for platform-wide events).
     *
     * @return the id of the new entry
     */
    public long append(Connection connection, TenantId tenant, Actor actor, Entry entry) throws SQLException {
        return AuditEntries.append(connection, tenant, actor, entry.action(), entry.targetType(), entry.targetId(),
                toJson(entry.before()), toJson(entry.after()));
    }

    private String toJson(Map<String, ?> state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writeValueAsString(redact(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of {@code state} with secret-looking values replaced, at any depth. */
    static Map<String, Object> redact(Map<String, ?> state) {
        Map<String, Object> out = new LinkedHashMap<>();
        state.forEach((key, value) -> out.put(key, SECRET_KEY.matcher(key).matches() && value != null
                ? REDACTED : redactValue(value)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object redactValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return redact((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(AuditLog::redactValue).toList();
        }
        return value;
    }
}
