package io.tillbridge.migrations.testing;

import io.tillbridge.migrations.DatabaseBootstrap;
import io.tillbridge.migrations.DatabaseProvisioner;
import io.tillbridge.migrations.DatabaseRoles;
import io.tillbridge.migrations.EmbeddedDatabase;
import io.tillbridge.migrations.JdbcTarget;
import java.util.UUID;

/**
 * The PostgreSQL database that tests run against: one fresh, migrated database per test JVM.
 *
 * <p>With {@code TILLBRIDGE_TEST_DATABASE_URL} set (a JDBC URL of a server where the user may
 * create roles and databases, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres}; user from
 * {@code TILLBRIDGE_TEST_DATABASE_USER}, default {@code postgres}, password from
 * {@code TILLBRIDGE_TEST_DATABASE_PASSWORD}), a new database is created on that server and dropped
 * when the JVM exits. Without it, an embedded PostgreSQL is started for the run.
 */
public final class TestDatabase {

    public static final String URL_VARIABLE = "TILLBRIDGE_TEST_DATABASE_URL";
    private static TestDatabase shared;

    private final JdbcTarget admin;
    private final String name;
    private final DatabaseBootstrap.Prepared prepared;

    private TestDatabase(JdbcTarget admin, String name, DatabaseBootstrap.Prepared prepared) {
        this.admin = admin;
        this.name = name;
        this.prepared = prepared;
    }

    /** The database shared by all tests of this JVM, created and migrated on first use. */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    private static TestDatabase create() {
        String url = setting(URL_VARIABLE, "");
        JdbcTarget admin;
        EmbeddedDatabase embedded = null;
        if (url.isBlank()) {
            embedded = EmbeddedDatabase.startTemporary();
            admin = embedded.superuser("postgres");
        } else {
            admin = new JdbcTarget(url, setting("TILLBRIDGE_TEST_DATABASE_USER", "postgres"),
                    setting("TILLBRIDGE_TEST_DATABASE_PASSWORD", ""));
        }
        String name = "tb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DatabaseBootstrap.Prepared prepared = DatabaseBootstrap.provision(admin, name,
                DatabaseRoles.defaults("tillbridge_owner", "tillbridge_app"));
        EmbeddedDatabase server = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (server != null) {
                server.close();
            } else {
                new DatabaseProvisioner(admin).dropDatabase(name);
            }
        }, "drop-test-database"));
        return new TestDatabase(admin, name, prepared);
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null ? fallback : value;
    }

    /** Connects as the application role: owns nothing, subject to row-level security. */
    public JdbcTarget app() {
        return prepared.app();
    }

    /** Connects as the owner role that ran the migrations. */
    public JdbcTarget owner() {
        return prepared.owner();
    }

    /** Connects to the server with rights to create databases (to start a platform on a new one). */
    public JdbcTarget admin() {
        return admin;
    }

    public String databaseName() {
        return name;
    }
}
