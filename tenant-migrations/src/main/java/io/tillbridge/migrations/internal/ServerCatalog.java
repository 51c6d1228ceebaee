package io.tillbridge.migrations.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the PostgreSQL server's catalog says about the roles and databases the platform sets up. */
public final class ServerCatalog {

    private ServerCatalog() {
    }

    public static boolean roleExists(Connection c, String role) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", role);
    }

    public static boolean databaseExists(Connection c, String database) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database);
    }

    /** Whether {@code role} is a superuser or may bypass row-level security; false if it does not exist. */
    public static boolean bypassesRowSecurity(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
