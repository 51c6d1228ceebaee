package io.tillbridge.testing;

import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.SeparateServer;
import io.tillbridge.migrations.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The warehouse the runs write into: a schema of a database, owned by a login role of the same
 * name, both dropped by {@link #close()}. Reads back what the postgres-warehouse target wrote. The
 * database is the platform's own, which connectors may never reach: the target reaches the schema
 * through {@link #url()}, a forwarder on another loopback port that stands for a separate
 * warehouse server.
 */
public final class WarehouseSandbox implements AutoCloseable {

    private final JdbcTarget admin;
    private final String schema;
    private final String password;
    private final SeparateServer server;

    /** @param admin a role that may create roles and schemas, connected to the database to use */
    public WarehouseSandbox(JdbcTarget admin) {
        this.admin = admin;
        schema = "wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        password = UUID.randomUUID().toString();
        execute("CREATE ROLE " + schema + " LOGIN PASSWORD '" + password + "'");
        execute("GRANT CONNECT ON DATABASE " + admin.database() + " TO " + schema);
        execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + schema);
        server = SeparateServer.forJdbcUrl(admin.url());
    }

    /** A warehouse schema in the shared test database ({@link TestDatabase#shared()}). */
    public static WarehouseSandbox inTestDatabase() {
        TestDatabase database = TestDatabase.shared();
        return new WarehouseSandbox(database.admin().withDatabase(database.databaseName()));
    }

    /** Connects to the database with rights to create roles and schemas, and to read every schema. */
    public JdbcTarget admin() {
        return admin;
    }

    /** The JDBC URL the postgres-warehouse target uses: this database, through the separate server. */
    public String url() {
        return server.rewrite(admin.url());
    }

    public String schema() {
        return schema;
    }

    public String password() {
        return password;
    }

    /**
     * Every order id in the table, one entry per row (so a duplicate row would show twice). The
     * rows' {@code _key} holds the idempotency key the ledger derived from the id, so the id
     * column is read.
     */
    public List<String> keys(String table) throws SQLException {
        return values(table, "id", "id");
    }

    /**
     * The config of a postgres-warehouse target connection that writes into this schema, as its
     * login role, with the given write timeout.
     */
    public Map<String, Object> targetConfig(int timeoutSeconds) {
        return Map.of("jdbcUrl", url(), "user", schema, "password", password, "schema", schema,
                "timeoutSeconds", timeoutSeconds);
    }

    /** {@code expression} as text for every row of the table, in no particular order. */
    public List<String> values(String table, String expression) throws SQLException {
        return values(table, expression, null);
    }

    /** {@code expression} as text for every row of the table, ordered by {@code order} (null: any order). */
    public List<String> values(String table, String expression, String order) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = admin.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (" + expression + ")::text FROM " + schema + "." + table
                        + (order == null ? "" : " ORDER BY " + order))) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Whether the target has created the table yet. */
    public boolean hasTable(String table) throws SQLException {
        try (Connection c = admin.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT to_regclass('" + schema + "." + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Holds the lock the warehouse target takes before it writes a batch into {@code table}, so
     * that a worker's write waits after the worker has renewed its lease and before it commits.
     * Closing the returned connection releases it.
     */
    public Connection holdWriteLock(String table) throws SQLException {
        Connection c = admin.connect();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(hashtext(?))")) {
            ps.setString(1, "tillbridge-warehouse:" + schema + "." + table);
            ps.execute();
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** How many sessions of this database wait for an advisory lock. */
    public int waitingForWriteLock() throws SQLException {
        try (Connection c = admin.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * How many sessions of this database have sat in an open transaction, doing nothing, for longer
     * than {@code idle} (as a frozen client leaves them). Needs the admin role to see other roles' sessions.
     */
    public int idleInTransaction(Duration idle) throws SQLException {
        try (Connection c = admin.connect();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND state LIKE 'idle in transaction%'"
                        + " AND state_change < now() - ? * interval '1 millisecond'")) {
            ps.setLong(1, idle.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The sessions of this database, with their state, wait, transaction age, locked tables and query (diagnostics). */
    public String sessions() {
        StringBuilder out = new StringBuilder();
        try (Connection c = admin.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT a.pid, a.usename, a.state, a.wait_event_type, a.wait_event,"
                        + " now() - a.xact_start, (SELECT string_agg(l.relation::regclass::text || ' ' || l.mode, ', ')"
                        + "   FROM pg_locks l WHERE l.pid = a.pid AND l.relation IS NOT NULL"
                        + "   AND l.relation::regclass::text NOT LIKE 'pg_%'), left(a.query, 120)"
                        + " FROM pg_stat_activity a WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()")) {
            while (rs.next()) {
                out.append("\n  ");
                for (int i = 1; i <= 8; i++) {
                    out.append(rs.getString(i)).append(i < 8 ? " | " : "");
                }
            }
        } catch (SQLException e) {
            out.append("(sessions unreadable: ").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    @Override
    public void close() {
        server.close();
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        execute("DROP OWNED BY " + schema);
        execute("DROP ROLE " + schema);
    }

    /** Runs a statement as the admin role (to change the warehouse behind the target's back). */
    public void execute(String sql) {
        try (Connection c = admin.connect(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
