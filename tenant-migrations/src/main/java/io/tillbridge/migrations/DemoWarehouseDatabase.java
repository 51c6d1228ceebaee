package io.tillbridge.migrations;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo tenant's warehouse (DD-041): a database of its own beside the platform's, owned by a
 * login role of its own that may connect to nothing else, with one schema the demo's warehouse
 * connection writes into. The platform's database is closed to every role but the platform's
 * (CONNECT revoked from PUBLIC), so the demo's credentials open the demo's database only.
 * Idempotent: a later start finds everything in place and sets the role's password again.
 */
public final class DemoWarehouseDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(DemoWarehouseDatabase.class);
    /** The schema the demo's warehouse connection writes into. */
    public static final String SCHEMA = "warehouse";

    private DemoWarehouseDatabase() {
    }

    /**
     * Makes sure the demo's role and database exist and the platform's database admits only its own
     * roles; answers how the demo's warehouse connection connects.
     *
     * @param admin a role that may create roles and databases and owns (or is superuser over) the
     *     platform's database: the embedded server's superuser, or the configured owner
     * @param platform the platform's database, as its owner connects to it
     * @param platformRoles the roles that keep connecting to the platform's database (owner, app)
     * @param password the demo role's password (derived, so every start sets the same one)
     */
    public static JdbcTarget provision(JdbcTarget admin, JdbcTarget platform, List<String> platformRoles,
            String password) {
        String name = RoleName.checked(platform.database() + "_demo");
        DatabaseProvisioner provisioner = new DatabaseProvisioner(admin);
        provisioner.ensureLoginRole(name, password);
        provisioner.setPasswordIfRoleExists(name, password);
        provisioner.ensureDatabase(name, name);
        JdbcTarget onPlatform = admin.withDatabase(platform.database());
        try (Connection c = onPlatform.connect(); Statement s = c.createStatement()) {
            String db = RoleName.checked(platform.database());
            for (String role : platformRoles) {
                s.execute("GRANT CONNECT ON DATABASE " + db + " TO " + RoleName.checked(role));
            }
            s.execute("REVOKE CONNECT ON DATABASE " + db + " FROM PUBLIC");
        } catch (SQLException e) {
            throw new DatabaseSetupException("Could not close the platform's database " + platform.database()
                    + " to other roles for the demo: " + e.getMessage() + ". Turn the demo off (TILLBRIDGE_DEMO=false)"
                    + " or connect as the database's owner.", e);
        }
        JdbcTarget demo = admin.withDatabase(name).as(name, password);
        try (Connection c = demo.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        } catch (SQLException e) {
            throw new DatabaseSetupException("Could not create the demo warehouse's schema in " + name + ": "
                    + e.getMessage(), e);
        }
        LOG.info("Demo warehouse database {} ready", name);
        return demo;
    }

    /** Drops the demo's database and role (tests that made one on a shared server). */
    public static void drop(JdbcTarget admin, String platformDatabase) {
        String name = RoleName.checked(platformDatabase + "_demo");
        new DatabaseProvisioner(admin).dropDatabase(name);
        try (Connection c = admin.connect(); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + name);
        } catch (SQLException e) {
            throw new DatabaseSetupException("Could not drop the role " + name + ": " + e.getMessage(), e);
        }
    }
}
