package io.tillbridge.connector.warehouse.internal;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a PostgreSQL failure means for the runtime, by SQLSTATE (PostgreSQL documentation,
 * Appendix A, "PostgreSQL Error Codes").
 */
public final class WarehouseFailures {

    private WarehouseFailures() {
    }

    static Category categoryOf(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.length() != 5) {
            return Category.SYSTEM;
        }
        String type = state.substring(0, 2);
        return switch (type) {
            // connection exception, insufficient resources, operator intervention (shutdown, timeout)
            case "08", "53", "57" -> Category.TRANSIENT;
            // invalid authorization specification: wrong password, unknown role, refused by pg_hba
            case "28" -> Category.AUTH;
            // serialization failure, deadlock
            case "40" -> Category.TRANSIENT;
            default -> switch (state) {
                case "55P03" -> Category.TRANSIENT; // lock not available
                case "3D000", "3F000", "42501", "42P10", "42809", "42P01" -> Category.CONFIG;
                default -> Category.SYSTEM;
            };
        };
    }

    /** Data exceptions (class 22) and integrity violations (class 23) are about a record, not the batch. */
    static boolean isAboutTheData(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** The server's own sentence, without the statement or our SQL. */
    static String reason(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            String detail = server.getDetail();
            return server.getMessage() + (detail == null || detail.isBlank() ? "" : " (" + detail + ")");
        }
        return String.valueOf(e.getMessage());
    }

    public static ConnectorException exception(String doing, SQLException e) {
        Category category = categoryOf(e);
        String hint = switch (category) {
            case AUTH -> "; check the user and password";
            case TRANSIENT -> "; will retry";
            case CONFIG -> "; check the URL, the schema and the user's rights";
            case SYSTEM -> "";
        };
        return new ConnectorException(category, doing + " failed: " + reason(e) + hint, e);
    }
}
