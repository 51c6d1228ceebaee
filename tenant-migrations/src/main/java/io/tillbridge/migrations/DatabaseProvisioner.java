package io.tillbridge.migrations;

import io.tillbridge.migrations.internal.ServerCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the platform's roles and database on a PostgreSQL server, through a connection with
 * enough rights to do so (a superuser, or a role with CREATEROLE and CREATEDB).
 *
 * <p>Two roles: the owner, which owns the schema and runs migrations, and the application role,
 * which owns nothing, so that row-level security always applies to it. Neither is a superuser and
 * neither may bypass row-level security.
 */
public final class DatabaseProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseProvisioner.class);
    private static final String DUPLICATE_OBJECT = "42710";
    private static final String DUPLICATE_DATABASE = "42P04";

    private final JdbcTarget admin;

    public DatabaseProvisioner(JdbcTarget admin) {
        this.admin = admin;
    }

    /** Creates a login role unless it exists; an existing role is left as it is. */
    public void ensureLoginRole(String role, String password) {
        String name = RoleName.checked(role);
        try (Connection c = admin.connect()) {
            if (ServerCatalog.roleExists(c, name)) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + name + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD "
                        + quoteLiteral(password));
                LOG.info("Created database role {}", name);
            } catch (SQLException e) {
                if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new DatabaseSetupException("Could not create the database role '" + name + "' as "
                    + admin.user() + ": " + e.getMessage() + ". Create it yourself (CREATE ROLE " + name
                    + " LOGIN PASSWORD '...') or connect as a user with the CREATEROLE privilege.", e);
        }
    }

    /** Sets the password of an existing login role; a missing role is left to {@link #ensureLoginRole}. */
    public void setPasswordIfRoleExists(String role, String password) {
        String name = RoleName.checked(role);
        try (Connection c = admin.connect()) {
            if (!ServerCatalog.roleExists(c, name)) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER ROLE " + name + " PASSWORD " + quoteLiteral(password));
            }
        } catch (SQLException e) {
            throw new DatabaseSetupException("Could not set the password of the database role '" + name + "' as "
                    + admin.user() + ": " + e.getMessage(), e);
        }
    }

    /** Creates the database, owned by {@code owner}, unless it exists. */
    public void ensureDatabase(String database, String owner) {
        String db = RoleName.checked(database);
        String ownerRole = RoleName.checked(owner);
        try (Connection c = admin.connect()) {
            if (ServerCatalog.databaseExists(c, db)) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("GRANT " + ownerRole + " TO CURRENT_USER");
            } catch (SQLException alreadyMemberOrSuperuser) {
                // superusers need no membership, and an existing membership is fine
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + db + " OWNER " + ownerRole + " ENCODING 'UTF8' TEMPLATE template0");
                LOG.info("Created database {} owned by {}", db, ownerRole);
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new DatabaseSetupException("Could not create the database '" + db + "' as " + admin.user()
                    + ": " + e.getMessage() + ". Create it yourself, owned by " + ownerRole
                    + ", or connect as a user with the CREATEDB privilege.", e);
        }
    }

    /** Drops the database, closing its open connections first. */
    public void dropDatabase(String database) {
        String db = RoleName.checked(database);
        try (Connection c = admin.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new DatabaseSetupException("Could not drop the database '" + db + "': " + e.getMessage(), e);
        }
    }

    static String quoteLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
