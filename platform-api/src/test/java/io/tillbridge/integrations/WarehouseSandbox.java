package io.tillbridge.integrations;

import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.SeparateServer;
import io.tillbridge.migrations.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A warehouse for the postgres-warehouse target in run tests: a schema of the test database owned
 * by a login role of the same name, both dropped by {@link #close()}. The test database is the
 * platform's own database, which connectors may never reach; the target reaches the schema through
 * {@link #jdbcUrl()}, a forwarder on another loopback port that stands for a separate warehouse
 * server.
 */
final class WarehouseSandbox implements AutoCloseable {

    /** Connects to the test database with rights to create roles and schemas. */
    final JdbcTarget admin;
    /** The schema, which is also the login role's name. */
    final String schema;
    /** The login role's password. */
    final String password;
    private final SeparateServer server;

    WarehouseSandbox() {
        TestDatabase database = TestDatabase.shared();
        admin = database.admin().withDatabase(database.databaseName());
        schema = "wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        password = UUID.randomUUID().toString();
        execute("CREATE ROLE " + schema + " LOGIN PASSWORD '" + password + "'");
        execute("GRANT CONNECT ON DATABASE " + database.databaseName() + " TO " + schema);
        execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + schema);
        server = SeparateServer.forJdbcUrl(admin.url());
    }

    /** The JDBC URL a postgres-warehouse connection uses: the test database, through the separate server. */
    String jdbcUrl() {
        return server.rewrite(admin.url());
    }

    @Override
    public void close() {
        server.close();
        execute("DROP SCHEMA " + schema + " CASCADE");
        execute("DROP OWNED BY " + schema);
        execute("DROP ROLE " + schema);
    }

    void execute(String sql) {
        try (Connection c = admin.connect(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
