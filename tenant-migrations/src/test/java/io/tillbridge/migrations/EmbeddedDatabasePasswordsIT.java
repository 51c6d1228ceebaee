package io.tillbridge.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded database that the launcher keeps between restarts requires passwords (DD-020). */
class EmbeddedDatabasePasswordsIT {

    private Path directory;
    private Path dataDirectory;
    private EmbeddedDatabase server;

    @BeforeEach
    void an_empty_data_directory() throws IOException {
        directory = Files.createTempDirectory("tillbridge-passwords-");
        dataDirectory = directory.resolve("postgres");
    }

    @AfterEach
    void stop_and_delete() throws IOException {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void a_new_embedded_database_refuses_a_connection_without_its_password() {
        server = EmbeddedDatabase.start(dataDirectory, 0);
        JdbcTarget superuser = server.superuser("postgres");

        assertRefused(superuser.as(EmbeddedDatabase.SUPERUSER, ""));
        assertRefused(superuser.as(EmbeddedDatabase.SUPERUSER, "postgres"));
        assertConnects(superuser);
    }

    @Test
    void the_application_role_refuses_the_old_default_password_and_accepts_the_kept_one() {
        server = EmbeddedDatabase.start(dataDirectory, 0);
        DatabaseBootstrap.Prepared database = server.provision("tillbridge", DatabaseRoles.DEFAULT_APP);

        assertRefused(database.app().as(DatabaseRoles.DEFAULT_APP, "tillbridge_app"));
        assertRefused(database.app().as(DatabaseRoles.DEFAULT_APP, ""));
        assertRefused(database.owner().as(DatabaseRoles.DEFAULT_OWNER, "tillbridge_owner"));
        assertThat(database.app().password()).isEqualTo(server.passwords().orElseThrow().app());
        assertConnects(database.app());
        assertConnects(database.owner());
    }

    @Test
    void the_passwords_file_is_readable_by_its_owner_only() throws IOException {
        server = EmbeddedDatabase.start(dataDirectory, 0);

        Path file = directory.resolve(DatabasePasswords.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains(server.passwords().orElseThrow().superuser());
        assertThat(Files.readString(dataDirectory.resolve("pg_hba.conf"))).contains("scram-sha-256")
                .doesNotContainPattern("(?m)^[^#]*\\strust\\s*$");
    }

    @Test
    void a_restart_reuses_the_kept_passwords() {
        server = EmbeddedDatabase.start(dataDirectory, 0);
        DatabasePasswords first = server.passwords().orElseThrow();
        DatabaseBootstrap.Prepared before = server.provision("tillbridge", DatabaseRoles.DEFAULT_APP);
        server.close();

        server = EmbeddedDatabase.start(dataDirectory, 0);
        DatabaseBootstrap.Prepared after = server.provision("tillbridge", DatabaseRoles.DEFAULT_APP);

        assertThat(server.passwords()).contains(first);
        assertThat(after.app().password()).isEqualTo(before.app().password());
        assertConnects(after.app());
    }

    @Test
    void a_data_directory_from_before_passwords_is_moved_to_passwords_on_the_next_start() throws Exception {
        // The server as earlier versions created it: initdb -A trust, default role passwords.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1").start()) {
            JdbcTarget admin = new JdbcTarget("jdbc:postgresql://127.0.0.1:" + old.getPort() + "/postgres",
                    EmbeddedDatabase.SUPERUSER, "");
            DatabaseBootstrap.provision(admin, "tillbridge", DatabaseRoles.defaults("tillbridge_owner", "tillbridge_app"));
        }
        assertThat(EmbeddedDatabase.trusts(dataDirectory)).isTrue();

        server = EmbeddedDatabase.start(dataDirectory, 0);
        DatabaseBootstrap.Prepared database = server.provision("tillbridge", DatabaseRoles.DEFAULT_APP);

        assertThat(EmbeddedDatabase.trusts(dataDirectory)).isFalse();
        assertRefused(server.superuser("postgres").as(EmbeddedDatabase.SUPERUSER, ""));
        assertRefused(database.app().as(DatabaseRoles.DEFAULT_APP, "tillbridge_app"));
        assertConnects(database.app());
        try (Connection c = database.owner().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("the old data is still there").isPositive();
        }
    }

    @Test
    void a_password_protected_database_whose_passwords_file_is_gone_is_explained() throws IOException {
        server = EmbeddedDatabase.start(dataDirectory, 0);
        server.close();
        server = null;
        Files.delete(directory.resolve(DatabasePasswords.FILE_NAME));

        assertThatThrownBy(() -> EmbeddedDatabase.start(dataDirectory, 0))
                .isInstanceOf(DatabaseSetupException.class)
                .hasMessageContaining("is missing");
    }

    private static void assertRefused(JdbcTarget target) {
        assertThatThrownBy(() -> {
            try (Connection c = target.connect()) {
                c.isValid(1);
            }
        }).as("connecting as " + target.user() + " must fail").isInstanceOf(SQLException.class);
    }

    private static void assertConnects(JdbcTarget target) {
        try (Connection c = target.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        } catch (SQLException e) {
            throw new AssertionError("connecting as " + target.user() + " failed: " + e.getMessage(), e);
        }
    }
}
