package io.tillbridge.platform.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place for binding parameters and reading the column types the platform's tables use.
 * Repositories in {@code ..internal..} packages call it; callers own the connection, its
 * transaction and its tenant scope.
 *
 * <p>Parameters bind with {@link PreparedStatement#setObject(int, Object)}, except {@link Instant},
 * which binds as a {@code timestamptz} value, and {@code null}, which binds untyped.
 */
public final class Sql {

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    /** Runs an INSERT, UPDATE or DELETE and answers the number of rows it changed. */
    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            return ps.executeUpdate();
        }
    }

    /** All rows of a query, in the order the query gives. */
    public static <T> List<T> list(Connection c, String sql, RowReader<T> reader, Object... parameters)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
                return rows;
            }
        }
    }

    /** The first row of a query, if any. */
    public static <T> Optional<T> first(Connection c, String sql, RowReader<T> reader, Object... parameters)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, parameters);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(reader.read(rs)) : Optional.empty();
            }
        }
    }

    /** Binds {@code parameters} from index 1 on. */
    public static void bind(PreparedStatement ps, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            bind(ps, i + 1, parameters[i]);
        }
    }

    /** Binds {@code parameters} from index 1 on. */
    public static void bind(PreparedStatement ps, List<?> parameters) throws SQLException {
        bind(ps, parameters.toArray());
    }

    /** Binds one parameter; an {@link Instant} binds as a timestamp with time zone. */
    public static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            ps.setObject(index, timestamp(instant));
        } else {
            ps.setObject(index, value);
        }
    }

    /** An instant as the value PostgreSQL's {@code timestamptz} takes; {@code null} stays {@code null}. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static UUID uuid(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** A nullable {@code bigint} column. */
    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** A nullable {@code integer} column. */
    public static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
