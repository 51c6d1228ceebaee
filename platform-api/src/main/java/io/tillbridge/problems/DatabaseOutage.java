package io.tillbridge.problems;

import io.micronaut.data.connection.exceptions.ConnectionException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;

/**
 * Recognises a failure that means "PostgreSQL cannot be reached right now" (as opposed to a bug or
 * a bad statement), however deeply it is wrapped: the pool gave up waiting for a connection
 * (HikariCP's {@link SQLTransientConnectionException}), the driver could not connect or lost its
 * connection (SQLSTATE class 08), the server is shutting down or starting up (57P01-57P03), or the
 * socket failed underneath. Such a request is answered 503 {@code database-unavailable} with a
 * {@code Retry-After}, so that clients and webhook senders retry instead of treating it as a bug.
 */
public final class DatabaseOutage {

    /** How long a client should wait before retrying: about what a database restart takes. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** admin_shutdown, crash_shutdown, cannot_connect_now (the server is starting or stopping). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");
    private static final int MAX_DEPTH = 20;

    private DatabaseOutage() {
    }

    /**
     * Whether {@code failure}, or any of its causes, says the database is unreachable. A socket
     * failure counts only beneath a SQL error: a vendor API that refuses a connection is not an outage
     * of ours.
     */
    public static boolean isCause(Throwable failure) {
        Throwable t = failure;
        boolean underSql = false;
        boolean underConnectionSetUp = false;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof ConnectionException) {
                // Micronaut Data could not prepare or release the connection (set read-only, auto-commit):
                // with a pooled connection whose server went away, the statement's own 08006 is lost
                // and only the pool's "Connection is closed" (no SQLSTATE) remains beneath this.
                underConnectionSetUp = true;
            }
            if (t instanceof SQLException sql) {
                if (unavailable(sql.getSQLState()) || underConnectionSetUp) {
                    return true;
                }
                underSql = true;
            }
            if (underSql && (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return false;
    }

    private static boolean unavailable(String state) {
        return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
    }

    /** The problem a request that met an outage is answered with. */
    public static ProblemException problem() {
        return new ProblemException(ProblemType.DATABASE_UNAVAILABLE,
                "The database is not reachable right now. Nothing was stored; retry after the Retry-After delay.",
                RETRY_AFTER);
    }
}
