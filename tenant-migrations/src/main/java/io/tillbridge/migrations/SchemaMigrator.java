package io.tillbridge.migrations;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the shared schema's migrations (classpath {@code db/migration}) as the owner role.
 *
 * <p>Migrations run once for all tenants: there is one schema, and tenant isolation is row-level
 * security, not a schema per tenant (see docs/decisions).
 */
public final class SchemaMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private SchemaMigrator() {
    }

    /** The outcome of a migration: how many migrations ran and the schema version after them. */
    public record Report(int applied, String schemaVersion) {
    }

    /**
     * Migrates the database that {@code owner} points at. Safe to call on every start: already
     * applied migrations are skipped, and concurrent callers are serialised by Flyway's lock.
     *
     * @param owner the role that owns the schema and runs DDL
     * @param appRole the role the application connects as; receives grants, owns nothing
     */
    public static Report migrate(JdbcTarget owner, String appRole) {
        Flyway flyway = Flyway.configure()
                .dataSource(owner.dataSource())
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", RoleName.checked(appRole)))
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        String version = flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
        LOG.info("Schema at version {} ({} migration(s) applied)", version, result.migrationsExecuted);
        return new Report(result.migrationsExecuted, version);
    }
}
