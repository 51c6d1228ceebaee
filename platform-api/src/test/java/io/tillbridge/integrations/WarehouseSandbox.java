package io.tillbridge.integrations;

import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A warehouse for the postgres-warehouse target in run tests: a schema of the test database owned
 * by a login role of the same name, both dropped by {@link #close()}.
 */
final class WarehouseSandbox implements AutoCloseable {

    /** Connects to the test database with rights to create roles and schemas. */
    final JdbcTarget admin;
    /** The schema, which is also the login role's name. */
    final String schema;
    /** The login role's password. */
    final String password;

    WarehouseSandbox() {
        TestDatabase database = TestDatabase.shared();
        admin = database.admin().withDatabase(database.databaseName());
        schema = "wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        password = UUID.randomUUID().toString();
        execute("CREATE ROLE " + schema + " LOGIN PASSWORD '" + password + "'");
        execute("GRANT CONNECT ON DATABASE " + database.databaseName() + " TO " + schema);
        execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + schema);
    }

    @Override
    public void close() {
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
