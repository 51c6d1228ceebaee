package io.tillbridge.connector.warehouse;

import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A schema of its own in the test database, for one test class, owned by a login role of its own
 * (same name, random password) that the connector writes as: the least a merchant's warehouse user
 * would have. Both are dropped at the end. Also runs, as the server's administrator, the plain SQL
 * the tests check the warehouse with.
 */
public final class WarehouseSchema implements AutoCloseable {

    private final JdbcTarget admin;
    private final String name;
    private final String password;

    private WarehouseSchema(JdbcTarget admin, String name, String password) {
        this.admin = admin;
        this.name = name;
        this.password = password;
    }

    public static WarehouseSchema create() {
        TestDatabase database = TestDatabase.shared();
        String name = "wh_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        WarehouseSchema schema = new WarehouseSchema(database.admin().withDatabase(database.databaseName()), name,
                UUID.randomUUID().toString());
        schema.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + schema.password + "'");
        schema.execute("GRANT CONNECT ON DATABASE " + database.databaseName() + " TO " + name);
        schema.execute("CREATE SCHEMA " + name + " AUTHORIZATION " + name);
        return schema;
    }

    public String name() {
        return name;
    }

    public PostgresWarehouseConfig config() {
        return PostgresWarehouseConfig.of(admin.url(), name, password, name);
    }

    /** Connects as the schema's role, as the connector does. */
    public JdbcTarget writer() {
        return admin.as(name, password);
    }

    /** Runs SQL as the schema's role, so that what it creates belongs to that role. */
    public void executeAsWriter(String sql) {
        try (Connection c = writer().connect(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public void execute(String sql) {
        try (Connection c = admin.connect(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The rows of a query, each as column name to {@code getObject}, in order. */
    public List<Map<String, Object>> rows(String sql) {
        try (Connection c = admin.connect(); Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A column's type as {@code format_type} prints it, by column name. */
    public Map<String, String> columnTypes(String table) {
        Map<String, String> types = new LinkedHashMap<>();
        rows("SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a "
                + "WHERE a.attrelid = '" + name + "." + table + "'::regclass AND a.attnum > 0 AND NOT a.attisdropped "
                + "ORDER BY a.attnum").forEach(r -> types.put((String) r.get("attname"), (String) r.get("type")));
        return types;
    }

    @Override
    public void close() {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        execute("REVOKE ALL ON DATABASE " + admin.database() + " FROM " + name);
        execute("DROP ROLE IF EXISTS " + name);
    }
}
