package io.tillbridge.migrations;

import io.tillbridge.migrations.internal.ServerCatalog;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Prepares a database for the platform: roles, database, schema migrations, and a check that the
 * application role cannot bypass row-level security. Used by the launcher and by tests, so both
 * run against exactly the same setup.
 */
public final class DatabaseBootstrap {

    private DatabaseBootstrap() {
    }

    /** The prepared database: whom the application connects as, and whom migrations ran as. */
    public record Prepared(JdbcTarget app, JdbcTarget owner, SchemaMigrator.Report migration) {
    }

    /**
     * A server on which we may create roles and databases (an embedded server, or a test
     * server): creates the owner and application roles and the database, then migrates.
     */
    public static Prepared provision(JdbcTarget admin, String database, DatabaseRoles roles) {
        DatabaseProvisioner provisioner = new DatabaseProvisioner(admin);
        provisioner.ensureLoginRole(roles.owner(), roles.ownerPassword());
        provisioner.ensureLoginRole(roles.app(), roles.appPassword());
        provisioner.ensureDatabase(database, roles.owner());
        JdbcTarget owner = admin.withDatabase(database).as(roles.owner(), roles.ownerPassword());
        return migrate(owner, roles.app(), roles.appPassword(), provisioner);
    }

    /**
     * A database that someone else created: the configured user is the owner role. The
     * application role is created if it is missing and the owner may create roles.
     */
    public static Prepared existing(JdbcTarget owner, String appRole, String appPassword) {
        return migrate(owner, appRole, appPassword, new DatabaseProvisioner(owner));
    }

    private static Prepared migrate(JdbcTarget owner, String appRole, String appPassword,
            DatabaseProvisioner provisioner) {
        provisioner.ensureLoginRole(appRole, appPassword);
        refuseRoleThatBypassesRowSecurity(owner, appRole);
        SchemaMigrator.Report report;
        try {
            report = SchemaMigrator.migrate(owner, appRole);
        } catch (RuntimeException e) {
            throw new DatabaseSetupException("Migrating the schema as " + owner.user() + " on " + owner.url()
                    + " failed: " + rootMessage(e), e);
        }
        return new Prepared(owner.as(appRole, appPassword), owner, report);
    }

    private static void refuseRoleThatBypassesRowSecurity(JdbcTarget owner, String appRole) {
        if (appRole.equals(owner.user())) {
            throw new DatabaseSetupException("The application role must not be the owner role ("
                    + appRole + "): configure a separate application user that owns nothing.");
        }
        boolean bypasses;
        try (Connection c = owner.connect()) {
            bypasses = ServerCatalog.bypassesRowSecurity(c, appRole);
        } catch (SQLException e) {
            throw new DatabaseSetupException("Cannot connect to " + owner.url() + " as " + owner.user() + ": "
                    + e.getMessage(), e);
        }
        if (bypasses) {
            throw new DatabaseSetupException("The application role " + appRole
                    + " is a superuser or has BYPASSRLS, so row-level security would not"
                    + " isolate tenants. Use a plain login role.");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
