package io.tillbridge.errors.internal;

import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.errors.ErrorCount;
import io.tillbridge.errors.ErrorFilter;
import io.tillbridge.errors.HeldValue;
import io.tillbridge.errors.RecordError;
import io.tillbridge.errors.RecordFailure;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.runs.RecordJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the record_errors table. Callers own the transaction and its tenant scope. */
public final class RecordErrorRows {

    private static final String COLUMNS = "id, integration_id, run_id, source_key, category, message, field_path, hint,"
            + " status, occurrences, first_seen_at, last_seen_at, retry_run_id, closed_at, source_record::text";

    private RecordErrorRows() {
    }

    /**
     * Records the failures of a run's page as one batch: a new open error per integration, source
     * key and category, or one more occurrence of the open (or retried) one.
     */
    /**
     * Records the failures: a new open error each, or one more occurrence of the open error of the
     * same record and category. Answers the ids of the errors this opened (not those it counted again).
     */
    public static List<UUID> record(Connection c, UUID tenant, UUID integrationId, UUID runId,
            Collection<RecordFailure> failures) throws SQLException {
        List<UUID> ids = new ArrayList<>(failures.size());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO record_errors (tenant_id, id,"
                + " integration_id, run_id, source_key, category, message, field_path, hint, source_record, value)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)"
                + " ON CONFLICT (tenant_id, integration_id, source_key, category) WHERE status IN ('open', 'retried')"
                + " DO UPDATE SET status = 'open', occurrences = record_errors.occurrences + 1,"
                + " last_seen_at = clock_timestamp(), run_id = EXCLUDED.run_id, message = EXCLUDED.message,"
                + " field_path = EXCLUDED.field_path, hint = EXCLUDED.hint, source_record = EXCLUDED.source_record,"
                + " value = EXCLUDED.value")) {
            for (RecordFailure failure : failures) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                Sql.bind(ps, tenant, id, integrationId, runId, failure.record().key(),
                        failure.category().wire(), failure.message(), failure.fieldPath(), failure.hint(),
                        RecordJson.writeRecord(failure.record()), failure.value());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // A conflicting row keeps its own id: the ids found are those of the errors inserted.
        return Sql.list(c, "SELECT id FROM record_errors WHERE id = ANY(?) ORDER BY first_seen_at, id",
                rs -> Sql.uuid(rs, 1), c.createArrayOf("uuid", ids.toArray()));
    }

    /** Resolves the open (or retried) errors of the integration's {@code sourceKeys}. */
    public static void resolve(Connection c, UUID integrationId, Collection<String> sourceKeys) throws SQLException {
        Sql.update(c, "UPDATE record_errors SET status = 'resolved', closed_at = clock_timestamp()"
                + " WHERE integration_id = ? AND source_key = ANY(?) AND status IN ('open', 'retried')",
                integrationId, c.createArrayOf("text", sourceKeys.toArray()));
    }

    /** The errors {@code ids} are being retried by {@code retryRunId}. */
    public static void retried(Connection c, UUID retryRunId, List<UUID> ids) throws SQLException {
        Sql.update(c, "UPDATE record_errors SET status = 'retried', retry_run_id = ? WHERE id = ANY(?)",
                retryRunId, c.createArrayOf("uuid", ids.toArray()));
    }

    /** The errors a retry run did not get to are open again; answers how many. */
    public static int reopen(Connection c, UUID retryRunId) throws SQLException {
        return Sql.update(c, "UPDATE record_errors SET status = 'open' WHERE retry_run_id = ? AND status = 'retried'",
                retryRunId);
    }

    /** Closes an error with {@code status} (resolved or ignored). */
    public static void close(Connection c, UUID id, String status) throws SQLException {
        Sql.update(c, "UPDATE record_errors SET status = ?, closed_at = clock_timestamp() WHERE id = ?", status, id);
    }

    /**
     * The stored source records a retry run is to re-process (one per source key, its last seen
     * version), by key, after {@code afterKey} when given.
     */
    public static List<SourceRecord> recordsToRetry(Connection c, UUID retryRunId, String afterKey, int limit)
            throws SQLException {
        List<Object> parameters = new ArrayList<>(List.of(retryRunId));
        if (afterKey != null) {
            parameters.add(afterKey);
        }
        parameters.add(limit);
        return Sql.list(c, "SELECT DISTINCT ON (source_key) source_record::text"
                + " FROM record_errors WHERE retry_run_id = ?" + (afterKey != null ? " AND source_key > ?" : "")
                + " ORDER BY source_key, last_seen_at DESC LIMIT ?",
                rs -> RecordJson.readRecord(rs.getString(1)), parameters.toArray());
    }

    public static List<RecordError> list(Connection c, ErrorFilter filter, Instant afterFirstSeen, UUID afterId,
            int limit) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM record_errors WHERE true");
        where(sql, parameters, filter);
        if (afterId != null) {
            sql.append(" AND (first_seen_at, id) < (?, ?)");
            parameters.add(afterFirstSeen);
            parameters.add(afterId);
        }
        sql.append(" ORDER BY first_seen_at DESC, id DESC LIMIT ?");
        parameters.add(limit);
        return Sql.list(c, sql.toString(), RecordErrorRows::map, parameters.toArray());
    }

    public static List<ErrorCount> counts(Connection c, ErrorFilter filter) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT integration_id, category, status, count(*), sum(occurrences)"
                + " FROM record_errors WHERE true");
        where(sql, parameters, filter);
        sql.append(" GROUP BY integration_id, category, status ORDER BY integration_id, category, status");
        return Sql.list(c, sql.toString(), rs -> new ErrorCount(Sql.uuid(rs, 1), rs.getString(2), rs.getString(3),
                rs.getLong(4), rs.getLong(5)), parameters.toArray());
    }

    /**
     * The distinct values the open unmapped-value errors of one integration's field hold, the most
     * frequent first, with how many errors hold each; at most {@code limit}.
     */
    public static List<HeldValue> heldValues(Connection c, UUID integrationId, String fieldPath, int limit)
            throws SQLException {
        return Sql.list(c, "SELECT value, count(*) FROM record_errors WHERE integration_id = ? AND field_path = ?"
                + " AND status = 'open' AND category = 'unmapped_value' AND value IS NOT NULL"
                + " GROUP BY value ORDER BY count(*) DESC, value LIMIT ?",
                rs -> new HeldValue(rs.getString(1), rs.getLong(2)), integrationId, fieldPath, limit);
    }

    public static Optional<RecordError> find(Connection c, UUID id, boolean lock) throws SQLException {
        return Sql.first(c, "SELECT " + COLUMNS + " FROM record_errors WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                RecordErrorRows::map, id);
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
        return Sql.list(c, sql + " ORDER BY first_seen_at, id FOR UPDATE", RecordErrorRows::map,
                parameters.toArray());
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

    private static RecordError map(ResultSet rs) throws SQLException {
        return new RecordError(Sql.uuid(rs, 1), Sql.uuid(rs, 2), Sql.uuid(rs, 3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getInt(10), Sql.instant(rs, 11), Sql.instant(rs, 12), Sql.uuid(rs, 13), Sql.instant(rs, 14),
                RecordJson.readMap(rs.getString(15)));
    }
}
