package io.tillbridge.scheduling.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Hands Quartz's job store connections of the platform's own pool. The pool is the application's
 * (unwrapped from Micronaut's transaction-aware proxy), so Quartz works as the application role and
 * is closed with the application context, not by Quartz.
 */
final class DataSourceConnectionProvider implements ConnectionProvider {

    private final DataSource dataSource;

    DataSourceConnectionProvider(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // The pool belongs to the application context.
    }

    @Override
    public void initialize() {
        // Nothing to set up: the pool exists already.
    }
}
