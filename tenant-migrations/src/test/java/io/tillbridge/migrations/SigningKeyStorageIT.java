package io.tillbridge.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.migrations.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The token signing key is not in the database, where the application role could read it (DD-020). */
class SigningKeyStorageIT {

    @Test
    void the_application_role_cannot_select_the_table_that_held_the_signing_key() throws SQLException {
        try (Connection c = TestDatabase.shared().app().connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT id, secret FROM signing_keys"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("signing_keys");
        }
    }

    @Test
    void no_table_the_application_role_can_read_has_a_signing_key_column() throws SQLException {
        try (Connection c = TestDatabase.shared().app().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT table_name || '.' || column_name FROM information_schema.columns
                        WHERE table_schema = 'public' AND table_name ILIKE '%signing%'
                          AND has_table_privilege(current_user, format('%I.%I', table_schema, table_name), 'SELECT')
                        """)) {
            StringBuilder found = new StringBuilder();
            while (rs.next()) {
                found.append(rs.getString(1)).append(' ');
            }
            assertThat(found.toString()).isEmpty();
        }
    }
}
