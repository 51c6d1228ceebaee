package io.tillbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.tillbridge.migrations.DatabaseBootstrap;
import io.tillbridge.migrations.DatabaseRoles;
import io.tillbridge.migrations.EmbeddedDatabase;
import io.tillbridge.migrations.testing.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The platform as the launcher starts it: configured database, roles, ports. */
class PlatformIT {

    private final HttpClient http = HttpClient.newHttpClient();

    private static PlatformSettings settings(String roles) {
        var owner = TestDatabase.shared().owner();
        return PlatformSettings.fromMap(Map.of(
                "tillbridge.database.url", owner.url(),
                "tillbridge.database.user", owner.user(),
                "tillbridge.database.password", owner.password(),
                "tillbridge.api.port", "0",
                "tillbridge.host", "127.0.0.1",
                "tillbridge.roles", roles));
    }

    @Test
    void a_configured_database_is_used_and_the_api_answers() throws Exception {
        try (Platform platform = Platform.start(settings("api,worker,scheduler,ui"))) {
            assertThat(platform.database().user()).isEqualTo("tillbridge_app");
            assertThat(platform.apiUri()).isPresent();
            var response = http.send(HttpRequest.newBuilder(platform.apiUri().get().resolve("/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(platform.context().getProperty("tillbridge.api.docs-url", String.class))
                    .hasValue(platform.apiUri().get() + "/api/docs");
            // A session frozen inside a transaction is ended by the server, so its row locks do not last.
            var tenants = platform.context().getBean(io.tillbridge.tenants.TenantTransactions.class);
            String timeout = tenants.withoutTenant(c -> {
                try (var rs = c.createStatement().executeQuery("SHOW idle_in_transaction_session_timeout")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(timeout).isEqualTo("1min");
        }
    }

    @Test
    void readiness_goes_down_when_the_database_is_unreachable_while_liveness_stays_up() throws Exception {
        EmbeddedDatabase server = EmbeddedDatabase.startTemporary();
        try {
            var prepared = DatabaseBootstrap.provision(server.superuser("postgres"), "readiness",
                    DatabaseRoles.defaults("owner-secret", "app-secret"));
            var owner = prepared.owner();
            PlatformSettings settings = PlatformSettings.fromMap(Map.of(
                    "tillbridge.database.url", owner.url(),
                    "tillbridge.database.user", owner.user(),
                    "tillbridge.database.password", owner.password(),
                    "tillbridge.database.app-password", "app-secret",
                    "tillbridge.api.port", "0",
                    "tillbridge.host", "127.0.0.1",
                    "tillbridge.roles", "api"));
            try (Platform platform = Platform.start(settings)) {
                var api = platform.apiUri().orElseThrow();
                assertThat(status(api.resolve("/health/readiness"))).isEqualTo(200);
                server.close();
                assertThat(status(api.resolve("/health/readiness"))).isEqualTo(503);
                assertThat(status(api.resolve("/health/liveness"))).isEqualTo(200);
            }
        } finally {
            server.close();
        }
    }

    private int status(java.net.URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void the_api_role_can_be_switched_off() {
        try (Platform platform = Platform.start(settings("worker"))) {
            assertThat(platform.apiUri()).isEmpty();
            assertThat(platform.context().getBean(EmbeddedServer.class).isRunning()).isFalse();
            assertThat(platform.context().getProperty(PlatformRole.WORKER.property(), Boolean.class)).hasValue(true);
            assertThat(platform.context().getProperty(PlatformRole.API.property(), Boolean.class)).hasValue(false);
        }
    }

    @Test
    void settings_read_roles_and_reject_unknown_ones() {
        assertThat(PlatformRole.parse("")).containsExactlyInAnyOrder(PlatformRole.values());
        assertThat(PlatformRole.parse("api, ui")).containsExactlyInAnyOrder(PlatformRole.API, PlatformRole.UI);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlatformRole.parse("api,cron"))
                .hasMessageContaining("Unknown role 'cron'");
    }

    @Test
    void a_bad_port_setting_is_explained() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlatformSettings.fromMap(Map.of("tillbridge.api.port", "http")))
                .hasMessageContaining("tillbridge.api.port must be a whole number");
    }
}
