package io.tillbridge.errors.internal;

import io.tillbridge.errors.ErrorCount;
import io.tillbridge.errors.ErrorFilter;
import io.tillbridge.errors.RecordError;
import io.tillbridge.runs.RecordJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the record_errors table. Callers own the transaction and its tenant scope. */
public final class RecordErrorRows {

    private static final String COLUMNS = "id, integration_id, run_id, source_key, category, message, field_path, hint,"
            + " status, occurrences, first_seen_at, last_seen_at, retry_run_id, closed_at, source_record::text";

    private RecordErrorRows() {
    }

    public static List<RecordError> list(Connection c, ErrorFilter filter, Instant afterFirstSeen, UUID afterId,
            int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM record_errors WHERE true");
        where(sql, parameters, filter);
        if (afterId != null) {
            sql.append(" AND (first_seen_at, id) < (?, ?)");
            parameters.add(Timestamp.from(afterFirstSeen));
            parameters.add(afterId);
        }
        sql.append(" ORDER BY first_seen_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, parameters);
            List<RecordError> errors = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    errors.add(map(rs));
                }
            }
            return errors;
        }
    }

    public static List<ErrorCount> counts(Connection c, ErrorFilter filter) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT integration_id, category, status, count(*), sum(occurrences)"
                + " FROM record_errors WHERE true");
        where(sql, parameters, filter);
        sql.append(" GROUP BY integration_id, category, status ORDER BY integration_id, category, status");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            bind(ps, parameters);
            List<ErrorCount> counts = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.add(new ErrorCount(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getLong(4), rs.getLong(5)));
                }
            }
            return counts;
        }
    }

    public static Optional<RecordError> find(Connection c, UUID id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM record_errors WHERE id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The open errors of one category (and integration, when given), locked. */
    public static List<RecordError> openOf(Connection c, String category, UUID integrationId) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        parameters.add(category);
        String sql = "SELECT " + COLUMNS + " FROM record_errors WHERE status = 'open' AND category = ?";
        if (integrationId != null) {
            sql += " AND integration_id = ?";
            parameters.add(integrationId);
        }
        try (PreparedStatement ps = c.prepareStatement(sql + " ORDER BY first_seen_at, id FOR UPDATE")) {
            bind(ps, parameters);
            List<RecordError> errors = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    errors.add(map(rs));
                }
            }
            return errors;
        }
    }

    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, List.of(parameters));
            return ps.executeUpdate();
        }
    }

    private static void where(StringBuilder sql, List<Object> parameters, ErrorFilter filter) {
        if (filter.integrationId() != null) {
            sql.append(" AND integration_id = ?");
            parameters.add(filter.integrationId());
        }
        if (filter.category() != null) {
            sql.append(" AND category = ?");
            parameters.add(filter.category().wire());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            parameters.add(filter.status().wire());
        }
        if (filter.runId() != null) {
            sql.append(" AND run_id = ?");
            parameters.add(filter.runId());
        }
    }

    private static void bind(PreparedStatement ps, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            ps.setObject(i + 1, parameters.get(i));
        }
    }

    private static RecordError map(ResultSet rs) throws SQLException {
        return new RecordError(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getInt(10), instant(rs, 11), instant(rs, 12), rs.getObject(13, UUID.class), instant(rs, 14),
                RecordJson.readMap(rs.getString(15)));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
