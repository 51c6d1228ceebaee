package io.tillbridge.connector.warehouse;

import io.tillbridge.connector.egress.EgressJdbc;
import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.ContextAware;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.warehouse.internal.CurrentRows;
import io.tillbridge.connector.warehouse.internal.TableLoader;
import io.tillbridge.connector.warehouse.internal.WarehouseCatalog;
import io.tillbridge.connector.warehouse.internal.WarehouseFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Writes records into tables of a PostgreSQL schema, one table per object, keyed by the records'
 * idempotency keys: a record written twice is one row, and writing an unchanged record again
 * changes nothing (no new row version, reported {@link WriteResult.Outcome#UNCHANGED}). See
 * {@link TableLoader} for how a batch is loaded.
 *
 * <p>An instance holds one connection, opened on first use and closed by {@link #close()}. Each
 * {@code write} is one transaction: the batch is in the table completely (less its rejected
 * records) or not at all. The connection is opened through the context's egress policy (DD-017):
 * the platform's own database and private networks are refused unless an operator allows them.
 */
public final class PostgresWarehouseConnector implements TargetConnector<PostgresWarehouseConfig>, ContextAware {

    public static final ConnectorSpec<PostgresWarehouseConfig> SPEC = new ConnectorSpec<>("postgres-warehouse",
            "PostgreSQL warehouse", "1.0.0", Set.of(ConnectorSpec.Role.TARGET), PostgresWarehouseConfig.class,
            "Loads records into tables of your own PostgreSQL database: one table per object, created and"
                    + " widened as fields appear, upserted by key with COPY.", java.util.List.of(), null);

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private Connection connection;
    private PostgresWarehouseConfig connectedWith;
    private ConnectorContext context = ConnectorContext.standalone();

    /** For {@link java.util.ServiceLoader}: connections obey the strict egress policy until a context is lent. */
    public PostgresWarehouseConnector() {
    }

    /** With the given context (its egress policy decides which servers may be reached). */
    public PostgresWarehouseConnector(ConnectorContext context) {
        useContext(context);
    }

    @Override
    public void useContext(ConnectorContext context) {
        this.context = java.util.Objects.requireNonNull(context, "context");
        forgetConnection();
    }

    @Override
    public ConnectorSpec<PostgresWarehouseConfig> spec() {
        return SPEC;
    }

    @Override
    public CheckResult check(PostgresWarehouseConfig config) {
        try {
            List<String> problems = config.problems();
            if (!problems.isEmpty()) {
                return CheckResult.failed(CheckResult.Status.CONFIG, String.join("; ", problems));
            }
            Connection c = connection(config);
            try {
                String missingRight = WarehouseCatalog.missingRight(c, config.schema());
                return missingRight == null ? CheckResult.ok()
                        : CheckResult.failed(CheckResult.Status.CONFIG, missingRight);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            forgetConnection();
            return WarehouseFailures.exception("connecting to the warehouse", e).toCheckResult();
        } catch (ConnectorException e) {
            return e.toCheckResult();
        } catch (RuntimeException e) {
            return CheckResult.failed(CheckResult.Status.SYSTEM, "unexpected error: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public Catalog discover(PostgresWarehouseConfig config) {
        requireUsable(config);
        try {
            Connection c = connection(config);
            try {
                return WarehouseCatalog.discover(c, config.schema());
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw failure("reading the warehouse's tables", e);
        }
    }

    @Override
    public List<WriteResult> write(PostgresWarehouseConfig config, String object, List<WriteRecord> batch) {
        requireUsable(config);
        if (object == null || object.isBlank() || object.indexOf('\0') >= 0) {
            throw new ConnectorException(Category.CONFIG, "an object name is required");
        }
        if (batch.isEmpty()) {
            return List.of();
        }
        Connection c = null;
        try {
            c = connection(config);
            List<WriteResult> results = new TableLoader(c, config.schema(), object).load(batch);
            c.commit();
            return results;
        } catch (SQLException e) {
            rollback(c);
            throw failure("writing " + object, e);
        } catch (RuntimeException e) {
            rollback(c);
            throw e;
        }
    }

    /** The rows the batch would write over, read in a read-only transaction; see {@link CurrentRows}. */
    @Override
    public Map<String, Map<String, Object>> current(PostgresWarehouseConfig config, String object,
            List<WriteRecord> records) {
        requireUsable(config);
        if (object == null || object.isBlank() || object.indexOf('\0') >= 0) {
            throw new ConnectorException(Category.CONFIG, "an object name is required");
        }
        if (records.isEmpty()) {
            return Map.of();
        }
        Connection c = null;
        try {
            c = connection(config);
            return new CurrentRows(c, config.schema(), object).read(records);
        } catch (SQLException e) {
            throw failure("reading " + object, e);
        } finally {
            rollback(c);
        }
    }

    @Override
    public void close() {
        forgetConnection();
    }

    private Connection connection(PostgresWarehouseConfig config) throws SQLException {
        if (connection != null && config.equals(connectedWith) && !connection.isClosed()) {
            return connection;
        }
        forgetConnection();
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("socketTimeout", Integer.toString(config.timeoutSeconds()));
        properties.setProperty("ApplicationName", "Tillbridge warehouse target");
        // Every host the URL names is resolved and checked by the egress policy, and connected to as checked.
        Connection opened = EgressJdbc.connectPostgres(context.egress(), config.jdbcUrl(), properties);
        if (opened == null) {
            throw new ConnectorException(Category.CONFIG, "JDBC URL is not a valid PostgreSQL URL");
        }
        opened.setAutoCommit(false);
        connection = opened;
        connectedWith = config;
        return opened;
    }

    private ConnectorException failure(String doing, SQLException e) {
        ConnectorException failure = WarehouseFailures.exception(doing, e);
        if (failure.category() != Category.CONFIG) {
            forgetConnection();
        }
        return failure;
    }

    private static void rollback(Connection c) {
        if (c != null) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // The connection is broken; it is dropped with the failure.
            }
        }
    }

    private void forgetConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a broken connection: nothing left to release.
            }
            connection = null;
            connectedWith = null;
        }
    }

    private static void requireUsable(PostgresWarehouseConfig config) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new ConnectorException(Category.CONFIG, String.join("; ", problems));
        }
    }
}
