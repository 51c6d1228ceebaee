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
        return PlatformSettings.fromMap(configured(roles, Map.of("tillbridge.mode", "dev")));
    }

    /** A configured database (so production mode unless said otherwise), free ports, and {@code extra}. */
    private static Map<String, String> configured(String roles, Map<String, String> extra) {
        var owner = TestDatabase.shared().owner();
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "tillbridge.database.url", owner.url(),
                "tillbridge.database.user", owner.user(),
                "tillbridge.database.password", owner.password(),
                "tillbridge.database.app-password", TestDatabase.shared().app().password(),
                "tillbridge.jwt-secret", TestDatabaseProperties.TEST_JWT_SECRET,
                "tillbridge.api.port", "0",
                "tillbridge.management.port", "0",
                "tillbridge.host", "127.0.0.1",
                "tillbridge.roles", roles));
        values.putAll(extra);
        return values;
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
                    "tillbridge.jwt-secret", TestDatabaseProperties.TEST_JWT_SECRET,
                    "tillbridge.mode", "dev",
                    "tillbridge.api.port", "0",
                    "tillbridge.management.port", "0",
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
    void the_api_role_can_be_switched_off() throws Exception {
        try (Platform platform = Platform.start(settings("worker"))) {
            assertThat(platform.apiUri()).isEmpty();
            // Only the management port listens (DD-020): health, but no API route.
            var management = platform.managementUri().orElseThrow();
            assertThat(platform.context().getBean(EmbeddedServer.class).getPort()).isEqualTo(management.getPort());
            var health = body(management.resolve("/health"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
            assertThat(status(management.resolve("/api/v1"))).isEqualTo(404);
            assertThat(status(management.resolve("/health/readiness"))).isEqualTo(200);
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
    void a_configured_database_without_an_application_password_is_refused_naming_the_setting() {
        Map<String, String> values = configured("api", Map.of("tillbridge.mode", "dev"));
        values.remove("tillbridge.database.app-password");
        PlatformSettings settings = PlatformSettings.fromMap(values);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Platform.start(settings).close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TILLBRIDGE_DATABASE_APP_PASSWORD is not set");
    }

    @Test
    void a_configured_database_means_production_mode_unless_said_otherwise() {
        assertThat(PlatformSettings.fromMap(configured("api", Map.of())).mode()).isEqualTo(PlatformMode.PRODUCTION);
        assertThat(PlatformSettings.fromMap(Map.of()).mode()).isEqualTo(PlatformMode.EMBEDDED);
        assertThat(settings("api").mode()).isEqualTo(PlatformMode.DEV);
    }

    @Test
    void production_mode_without_a_signing_secret_refuses_to_start_naming_the_setting() {
        Map<String, String> values = configured("worker", Map.of());
        values.remove("tillbridge.jwt-secret");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Platform.start(PlatformSettings.fromMap(values)).close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TILLBRIDGE_JWT_SECRET is not set");
    }

    @Test
    void production_mode_without_an_smtp_server_refuses_to_start_naming_the_setting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Platform.start(PlatformSettings.fromMap(configured("api", Map.of()))).close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TILLBRIDGE_MAIL_SMTP_HOST is not set");
    }

    @Test
    void metrics_and_health_details_are_on_the_management_port_and_the_api_port_shows_the_status_only() throws Exception {
        try (Platform platform = Platform.start(settings("api"))) {
            var api = platform.apiUri().orElseThrow();
            var management = platform.managementUri().orElseThrow();
            assertThat(management.getPort()).isNotEqualTo(api.getPort());

            assertThat(status(api.resolve("/prometheus"))).isIn(401, 404);
            var metrics = body(management.resolve("/prometheus"));
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");

            var publicHealth = body(api.resolve("/health"));
            assertThat(publicHealth.statusCode()).isEqualTo(200);
            assertThat(publicHealth.body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(body(api.resolve("/health/readiness")).body()).isEqualTo("{\"status\":\"UP\"}");
            var details = body(management.resolve("/health"));
            assertThat(details.statusCode()).isEqualTo(200);
            assertThat(details.body()).contains("\"status\":\"UP\"").contains("\"details\"");
        }
    }

    @Test
    void a_token_signed_with_a_previous_secret_is_accepted_during_a_rotation() throws Exception {
        String previous = "the-previous-signing-secret-0123456789abcdef";
        var user = java.util.UUID.randomUUID();
        try (var c = TestDatabase.shared().owner().connect();
                var ps = c.prepareStatement("INSERT INTO users (id, email, display_name, email_verified_at) VALUES (?, ?, 'Rotation', now())")) {
            ps.setObject(1, user);
            ps.setString(2, "rotation-" + user + "@example.test");
            ps.executeUpdate();
        }
        try (Platform platform = Platform.start(PlatformSettings.fromMap(configured("api",
                Map.of("tillbridge.mode", "dev", "tillbridge.jwt-previous-secrets", previous))))) {
            var me = platform.apiUri().orElseThrow().resolve("/api/v1/me");
            assertThat(statusWith(me, token(previous, user))).isEqualTo(200);
            assertThat(statusWith(me, token(TestDatabaseProperties.TEST_JWT_SECRET, user))).isEqualTo(200);
            assertThat(statusWith(me, token("a-secret-nobody-configured-0123456789abcdef", user))).isEqualTo(401);
        }
    }

    private static String token(String secret, java.util.UUID user) throws Exception {
        java.time.Instant now = java.time.Instant.now();
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().subject(user.toString()).issuer("tillbridge")
                .issueTime(java.util.Date.from(now)).notBeforeTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(600)))
                .claim("knd", "user").claim("email", "rotation-" + user + "@example.test").build();
        var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256), claims);
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private int statusWith(java.net.URI uri, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<String> body(java.net.URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_bad_port_setting_is_explained() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PlatformSettings.fromMap(Map.of("tillbridge.api.port", "http")))
                .hasMessageContaining("tillbridge.api.port must be a whole number");
    }
}
