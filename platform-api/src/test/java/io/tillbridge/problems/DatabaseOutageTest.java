package io.tillbridge.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database cannot be reached" (503 database-unavailable), and which do not. */
class DatabaseOutageTest {

    @Test
    void a_pool_that_timed_out_waiting_for_a_connection_is_an_outage() {
        var pool = new SQLTransientConnectionException("HikariPool-1 - Connection is not available",
                new SQLException("Connection to 127.0.0.1:5432 refused", "08001", new ConnectException("refused")));
        assertThat(DatabaseOutage.isCause(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", pool)))
                .isTrue();
    }

    @Test
    void a_connection_lost_mid_statement_is_an_outage() {
        var lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertThat(DatabaseOutage.isCause(new DataAccessException("Database error in a transaction", lost))).isTrue();
    }

    @Test
    void a_pooled_connection_that_closed_under_the_transaction_is_an_outage() {
        // What a request meets on the first use of a pooled connection after the server went away:
        // Micronaut Data fails to reset the connection, and the pool's closed proxy has no SQLSTATE.
        var closed = new SQLException("Connection is closed");
        assertThat(DatabaseOutage.isCause(new ConnectionException(
                "Could not set JDBC Connection [HikariProxyConnection] read-only: Connection is closed", closed))).isTrue();
    }

    @Test
    void a_server_shutting_down_or_starting_up_is_an_outage() {
        assertThat(DatabaseOutage.isCause(new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(DatabaseOutage.isCause(new SQLException("the database system is starting up", "57P03"))).isTrue();
    }

    @Test
    void a_refused_socket_beneath_a_sql_error_is_an_outage() {
        assertThat(DatabaseOutage.isCause(new SQLException("connect failed", new ConnectException("refused")))).isTrue();
    }

    @Test
    void a_constraint_violation_is_not_an_outage() {
        var duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        assertThat(DatabaseOutage.isCause(new DataAccessException("Database error", duplicate))).isFalse();
    }

    @Test
    void a_vendor_api_that_refuses_a_connection_is_not_an_outage_of_ours() {
        var vendor = new UncheckedIOException(new ConnectException("Connection refused"));
        assertThat(DatabaseOutage.isCause(new IllegalStateException("calling the vendor failed", vendor))).isFalse();
        assertThat(DatabaseOutage.isCause(null)).isFalse();
    }
}
