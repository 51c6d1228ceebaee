package io.tillbridge.connections;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.http.FakeJsonApi;
import io.tillbridge.connector.http.FakeOAuthServer;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changing where a connection points (its URL, token endpoint or JDBC URL) through the API: the
 * stored secrets must be given again in the same update, and the OAuth2 tokens kept for the
 * connection are dropped, so that nobody who may edit a connection can have the platform send the
 * merchant's credentials to a server of their own.
 */
@MicronautTest(transactional = false)
class ConnectionRetargetIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    private FakeJsonApi vendor;
    private FakeOAuthServer oauth;
    private FakeOAuthServer elsewhere;
    private UUID tenant;
    private User admin;

    @BeforeEach
    void fakes_and_a_tenant() throws IOException {
        vendor = new FakeJsonApi();
        vendor.holdRecords(3);
        oauth = new FakeOAuthServer();
        elsewhere = new FakeOAuthServer();
        tenant = newTenant("Retarget Roasters");
        admin = newMember(tenant, TenantRole.ADMIN);
    }

    @AfterEach
    void stop_the_fakes() {
        vendor.close();
        oauth.close();
        elsewhere.close();
    }

    @Test
    void a_new_url_without_the_secret_answers_422_naming_it_and_changes_nothing() {
        UUID id = created(bearer(vendor.uri("/records").toString(), FakeJsonApi.TOKEN));
        List<Map<String, Object>> secretsBefore = storedSecrets(id);

        Map<String, Object> moved = bearer("http://127.0.0.1:9/steal", null);
        Response put = api.put(admin, path(id), Map.of("name", "Moved", "config", moved), "If-Match", "\"1\"");

        assertThat(put.status()).as(put.toString()).isEqualTo(422);
        assertThat(put.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(put.json()).containsEntry("type", "/problems/secrets-required")
                .containsEntry("detail", "url changed: give bearerToken again");
        assertThat(put.body()).contains("\"field\":\"config.bearerToken\"");
        Response after = api.get(admin, path(id));
        assertThat(after.header("ETag")).hasValue("\"1\"");
        assertThat(after.json()).containsEntry("name", "Bakery API");
        assertThat(config(after)).containsEntry("url", vendor.uri("/records").toString());
        assertThat(storedSecrets(id)).isEqualTo(secretsBefore);
        assertThat(TenantFixture.audit(tenant, "connection.changed")).isEmpty();
    }

    @Test
    void a_new_url_with_the_secret_shown_as_set_is_refused_too() {
        UUID id = created(bearer(vendor.uri("/records").toString(), FakeJsonApi.TOKEN));
        Map<String, Object> moved = bearer("http://127.0.0.1:9/steal", null);
        moved.put("bearerToken", Map.of("set", true));
        Response put = api.put(admin, path(id), Map.of("name", "Moved", "config", moved), "If-Match", "\"1\"");
        assertThat(put.status()).as(put.toString()).isEqualTo(422);
        assertThat(put.body()).contains("/problems/secrets-required", "config.bearerToken");
    }

    @Test
    void a_new_token_endpoint_without_the_secrets_names_every_stored_secret() {
        UUID id = created(oauthConfig(oauth, FakeOAuthServer.CLIENT_SECRET, FakeOAuthServer.FIRST_REFRESH_TOKEN));
        Response put = api.put(admin, path(id), Map.of("name", "Bakery API",
                "config", oauthConfig(elsewhere, null, null)), "If-Match", "\"1\"");
        assertThat(put.status()).as(put.toString()).isEqualTo(422);
        assertThat(put.json()).containsEntry("detail",
                "oauthEndpoint changed: give oauthClientSecret, oauthRefreshToken again");
        assertThat(put.body()).contains("\"field\":\"config.oauthClientSecret\"", "\"field\":\"config.oauthRefreshToken\"");
        assertThat(api.get(admin, path(id)).header("ETag")).hasValue("\"1\"");
    }

    @Test
    void a_new_token_endpoint_with_every_secret_answers_200_and_drops_the_kept_tokens() {
        UUID id = created(oauthConfig(oauth, FakeOAuthServer.CLIENT_SECRET, FakeOAuthServer.FIRST_REFRESH_TOKEN));
        vendor.acceptTokens(oauth::isCurrent);
        assertThat(api.post(admin, path(id) + "/check", null).json()).containsEntry("status", "OK");
        assertThat(keptTokens(id)).as("the check kept the refreshed tokens").isEqualTo(2);

        Response put = api.put(admin, path(id), Map.of("name", "Bakery API", "config",
                oauthConfig(elsewhere, FakeOAuthServer.CLIENT_SECRET, FakeOAuthServer.FIRST_REFRESH_TOKEN)),
                "If-Match", "\"1\"");

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.header("ETag")).hasValue("\"2\"");
        assertThat(keptTokens(id)).as("tokens issued by the old endpoint are gone").isZero();
        vendor.acceptTokens(elsewhere::isCurrent);
        assertThat(api.post(admin, path(id) + "/check", null).json()).containsEntry("status", "OK");
        assertThat(elsewhere.calls()).as("the new endpoint was asked with the refresh token given again").isEqualTo(1);
        assertThat(oauth.calls()).isEqualTo(1);
    }

    @Test
    void an_update_that_changes_nothing_target_like_keeps_the_secrets_and_the_kept_tokens() {
        UUID id = created(oauthConfig(oauth, FakeOAuthServer.CLIENT_SECRET, FakeOAuthServer.FIRST_REFRESH_TOKEN));
        vendor.acceptTokens(oauth::isCurrent);
        assertThat(api.post(admin, path(id) + "/check", null).json()).containsEntry("status", "OK");
        List<Map<String, Object>> secretsBefore = storedSecrets(id);

        Map<String, Object> renamed = oauthConfig(oauth, null, null);
        renamed.put("maxRetries", 1);
        Response put = api.put(admin, path(id), Map.of("name", "Renamed", "config", renamed), "If-Match", "\"1\"");

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(config(put)).containsEntry("oauthClientSecret", Map.of("set", true))
                .containsEntry("oauthRefreshToken", Map.of("set", true));
        assertThat(storedSecrets(id)).isEqualTo(secretsBefore);
        assertThat(keptTokens(id)).isEqualTo(2);
        assertThat(api.post(admin, path(id) + "/check", null).json()).containsEntry("status", "OK");
        assertThat(oauth.calls()).as("the kept access token still serves").isEqualTo(1);
    }

    @Test
    void a_new_jdbc_url_of_a_warehouse_without_its_password_answers_422() {
        Map<String, Object> warehouse = new HashMap<>(Map.of("jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/analytics",
                "user", "loader", "password", "pw-Kq2-never-shown"));
        UUID id = created("postgres-warehouse", warehouse);
        Map<String, Object> moved = new HashMap<>(Map.of("jdbcUrl", "jdbc:postgresql://127.0.0.1:6543/analytics",
                "user", "loader"));
        Response put = api.put(admin, path(id), Map.of("name", "Warehouse", "config", moved), "If-Match", "\"1\"");
        assertThat(put.status()).as(put.toString()).isEqualTo(422);
        assertThat(put.json()).containsEntry("detail", "jdbcUrl changed: give password again");

        moved.put("password", "pw-Kq2-given-again");
        Response again = api.put(admin, path(id), Map.of("name", "Warehouse", "config", moved), "If-Match", "\"1\"");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(config(again)).containsEntry("jdbcUrl", "jdbc:postgresql://127.0.0.1:6543/analytics");
    }

    private UUID created(Map<String, Object> config) {
        return created("http-json", config);
    }

    private UUID created(String connector, Map<String, Object> config) {
        Response created = api.post(admin, "/api/v1/tenants/" + tenant + "/connections",
                Map.of("connectorId", connector, "name", connector.equals("http-json") ? "Bakery API" : "Warehouse",
                        "config", config));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString((String) created.json().get("id"));
    }

    private static Map<String, Object> bearer(String url, String token) {
        Map<String, Object> config = new HashMap<>(Map.of("url", url, "recordsPointer", "/data", "maxRetries", 0,
                "timeoutSeconds", 5));
        if (token != null) {
            config.put("bearerToken", token);
        }
        return config;
    }

    private Map<String, Object> oauthConfig(FakeOAuthServer endpoint, String clientSecret, String refreshToken) {
        Map<String, Object> config = new HashMap<>(Map.of("url", vendor.uri("/cursor").toString(),
                "recordsPointer", "/data", "pagination", "CURSOR", "cursorPointer", "/next_cursor",
                "cursorParam", "cursor", "oauthEndpoint", endpoint.tokenUrl().toString(),
                "oauthClientId", FakeOAuthServer.CLIENT_ID, "maxRetries", 0));
        if (clientSecret != null) {
            config.put("oauthClientSecret", clientSecret);
        }
        if (refreshToken != null) {
            config.put("oauthRefreshToken", refreshToken);
        }
        return config;
    }

    private List<Map<String, Object>> storedSecrets(UUID id) {
        return TenantFixture.inTenant(tenant, c -> TenantFixture.rows(c, "SELECT field, encode(ciphertext, 'hex') AS c,"
                + " encode(wrapped_dek, 'hex') AS k FROM connection_secrets WHERE tenant_id = ? AND connection_id = ?"
                + " AND field NOT LIKE 'oauth:%' ORDER BY field", tenant, id));
    }

    private long keptTokens(UUID id) {
        return TenantFixture.inTenant(tenant, c -> (Long) TenantFixture.rows(c, "SELECT count(*) AS n FROM"
                + " connection_secrets WHERE tenant_id = ? AND connection_id = ? AND field LIKE 'oauth:%'",
                tenant, id).get(0).get("n"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Response response) {
        return (Map<String, Object>) response.json().get("config");
    }

    private String path(UUID id) {
        return "/api/v1/tenants/" + tenant + "/connections/" + id;
    }
}
