package io.tillbridge.connections;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * /api/v1/tenants/{id}/connections through real HTTP and PostgreSQL, with the http-json connector
 * pointed at a local fake orders API that wants one bearer token.
 */
@MicronautTest(transactional = false)
class ConnectionsIT extends TestDatabaseProperties {

    private static final String TOKEN = "tok-Zq81-never-shown-5c3e";
    private static final String OTHER_TOKEN = "tok-Rw22-also-never-shown-9a1b";

    @Inject
    ApiClient api;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants(TenantRole.ADMIN, TenantRole.VIEWER);

    private ScriptedApi vendor;
    private final List<Response> responses = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    void client_and_a_fake_orders_api() throws IOException {
        vendor = ScriptedApi.start().route("/orders", ScriptedApi.withBearer(TOKEN, request -> Reply.ok(
                "[{\"id\":1,\"total\":\"9.50\",\"status\":\"paid\"},{\"id\":2,\"total\":\"12.00\",\"status\":\"open\"}]")));
    }

    @AfterAll
    void stop_the_fake() {
        vendor.close();
    }

    @BeforeEach
    void a_log_capture() {
        logs.list.clear();
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void stop_capturing() {
        root().detachAppender(logs);
    }

    @Test
    void creating_a_connection_answers_201_with_the_secret_shown_only_as_set() {
        Response response = post(tenants.admin(), path(), connection("Till API", TOKEN));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("ETag")).hasValue("\"1\"");
        assertThat(response.header("Location")).hasValue(path() + "/" + response.json().get("id"));
        assertThat(response.json()).containsEntry("connectorId", "http-json").containsEntry("name", "Till API");
        assertThat(config(response)).containsEntry("bearerToken", Map.of("set", true)).containsEntry("url", ordersUrl());
        assertThat(response.body()).doesNotContain(TOKEN);
    }

    @Test
    void the_secret_is_never_in_a_response_a_log_line_the_audit_log_or_the_config_column() {
        String id = create(TOKEN);
        responses.add(api.get(tenants.viewer(), path()));
        responses.add(api.get(tenants.viewer(), path() + "/" + id));
        responses.add(api.post(tenants.admin(), path() + "/" + id + "/check", null));
        responses.add(api.post(tenants.admin(), path() + "/" + id + "/discover", null));
        responses.add(api.put(tenants.admin(), path() + "/" + id, update("Renamed", OTHER_TOKEN), "If-Match", "\"1\""));
        responses.add(api.post(tenants.admin(), path(), Map.of("connectorId", "http-json", "name", "Bad",
                "config", Map.of("bearerToken", TOKEN, "nope", 1))));
        responses.add(api.delete(tenants.admin(), path() + "/" + id, "If-Match", "\"2\""));
        for (Response r : responses) {
            assertThat(r.body()).as(r.toString()).doesNotContain(TOKEN).doesNotContain(OTHER_TOKEN);
        }
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            assertThat(line).doesNotContain(TOKEN).doesNotContain(OTHER_TOKEN);
        }
        List<Map<String, Object>> audit = TenantFixture.platform(c -> TenantFixture.rows(c,
                "SELECT action, before::text AS before, after::text AS after FROM audit_log WHERE tenant_id = ?", tenants.id()));
        assertThat(audit).extracting(r -> r.get("action")).contains("connection.created", "connection.changed",
                "connection.checked", "connection.deleted");
        assertThat(audit.toString()).doesNotContain(TOKEN).doesNotContain(OTHER_TOKEN).contains("[redacted]");
    }

    @Test
    void only_non_secret_fields_are_stored_in_the_config_column() {
        String id = create(TOKEN);
        String stored = TenantFixture.inTenant(tenants.id(), c -> (String) TenantFixture.rows(c,
                "SELECT config::text AS config FROM connections WHERE tenant_id = ? AND id = ?", tenants.id(), UUID.fromString(id))
                .get(0).get("config"));
        assertThat(stored).contains("url").doesNotContain("bearerToken").doesNotContain(TOKEN);
    }

    @Test
    void a_check_with_the_right_token_answers_ok_and_is_kept_as_the_last_check() {
        String id = create(TOKEN);
        Response check = api.post(tenants.admin(), path() + "/" + id + "/check", null);
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json()).containsEntry("status", "OK");
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) api.get(tenants.viewer(), path() + "/" + id).json().get("lastCheck");
        assertThat(last).containsEntry("status", "OK").containsKey("checkedAt");
    }

    @Test
    void a_check_with_a_bad_token_answers_auth() {
        String id = create("tok-wrong");
        Response check = api.post(tenants.admin(), path() + "/" + id + "/check", null);
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.json()).containsEntry("status", "AUTH");
        assertThat((String) check.json().get("message")).isNotBlank();
    }

    @Test
    void an_update_that_leaves_the_secret_out_keeps_it() {
        String id = create(TOKEN);
        Response put = api.put(tenants.admin(), path() + "/" + id, Map.of("name", "Renamed",
                "config", Map.of("url", ordersUrl(), "maxRetries", 0)), "If-Match", "\"1\"");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.header("ETag")).hasValue("\"2\"");
        assertThat(config(put)).containsEntry("bearerToken", Map.of("set", true));
        assertThat(api.post(tenants.admin(), path() + "/" + id + "/check", null).json()).containsEntry("status", "OK");
    }

    @Test
    void an_update_that_sends_set_back_keeps_the_secret() {
        String id = create(TOKEN);
        Map<String, Object> config = new HashMap<>(config(api.get(tenants.admin(), path() + "/" + id)));
        Response put = api.put(tenants.admin(), path() + "/" + id, Map.of("name", "Same", "config", config), "If-Match", "\"1\"");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(api.post(tenants.admin(), path() + "/" + id + "/check", null).json()).containsEntry("status", "OK");
    }

    @Test
    void an_update_with_a_new_secret_replaces_it() {
        String id = create(TOKEN);
        api.put(tenants.admin(), path() + "/" + id, update("Renamed", "tok-replaced"), "If-Match", "\"1\"");
        assertThat(api.post(tenants.admin(), path() + "/" + id + "/check", null).json()).containsEntry("status", "AUTH");
    }

    @Test
    void an_update_without_if_match_answers_428() {
        String id = create(TOKEN);
        assertThat(api.put(tenants.admin(), path() + "/" + id, update("Renamed", null)).status()).isEqualTo(428);
    }

    @Test
    void discover_lists_the_stream_its_fields_and_samples() {
        String id = create(TOKEN);
        Response response = api.post(tenants.admin(), path() + "/" + id + "/discover", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"orders\"", "\"total\"", "\"status\"", "9.50");
    }

    @Test
    void discover_with_a_bad_token_answers_422_connector_failed_auth() {
        String id = create("tok-wrong");
        Response response = api.post(tenants.admin(), path() + "/" + id + "/discover", null);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).contains("/problems/connector-failed", "AUTH");
    }

    @Test
    void an_unknown_connector_answers_400_naming_connector_id() {
        Response response = api.post(tenants.admin(), path(), Map.of("connectorId", "no-such", "name", "X", "config", Map.of()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("/problems/validation-failed", "\"field\":\"connectorId\"");
    }

    @Test
    void a_config_without_required_fields_or_with_unknown_or_mistyped_ones_answers_400_naming_each() {
        Response response = api.post(tenants.admin(), path(), Map.of("connectorId", "http-json", "name", "X",
                "config", Map.of("colour", "red", "maxRetries", "many", "pagination", "SIDEWAYS")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"config.url\"", "\"field\":\"config.colour\"",
                "\"field\":\"config.maxRetries\"", "\"field\":\"config.pagination\"");
        assertThat(api.get(tenants.viewer(), path()).items()).isEmpty();
    }

    @Test
    void a_retried_create_with_the_same_idempotency_key_creates_one_connection() {
        Response first = post(tenants.admin(), path(), connection("Till", TOKEN), "Idempotency-Key", "conn-1");
        Response retry = post(tenants.admin(), path(), connection("Till", TOKEN), "Idempotency-Key", "conn-1");
        assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(api.get(tenants.viewer(), path()).items()).hasSize(1);
    }

    @Test
    void deleting_a_connection_deletes_its_secrets() {
        String id = create(TOKEN);
        assertThat(api.delete(tenants.admin(), path() + "/" + id, "If-Match", "\"1\"").status()).isEqualTo(204);
        assertThat(api.get(tenants.viewer(), path() + "/" + id).status()).isEqualTo(404);
        Long left = TenantFixture.inTenant(tenants.id(), c -> (Long) TenantFixture.rows(c,
                "SELECT count(*) AS n FROM connection_secrets WHERE tenant_id = ? AND connection_id = ?",
                tenants.id(), UUID.fromString(id)).get(0).get("n"));
        assertThat(left).isZero();
    }

    @Test
    void the_list_shows_secrets_only_as_set() {
        create(TOKEN);
        Response list = api.get(tenants.viewer(), path());
        assertThat(list.items()).hasSize(1);
        assertThat(list.body()).contains("\"bearerToken\":{\"set\":true}").doesNotContain(TOKEN);
    }

    @Test
    void a_viewer_cannot_create_a_connection() {
        assertThat(post(tenants.viewer(), path(), connection("Till", TOKEN)).status()).isEqualTo(403);
        assertThat(api.get(tenants.viewer(), path()).items()).isEmpty();
    }

    @Test
    void a_viewer_cannot_check_a_connection() {
        String id = create(TOKEN);
        assertThat(api.post(tenants.viewer(), path() + "/" + id + "/check", null).status()).isEqualTo(403);
    }

    @Test
    void another_tenants_connection_answers_404() {
        String id = create(TOKEN);
        assertThat(api.get(tenants.stranger(), path() + "/" + id).status()).isEqualTo(404);
        assertThat(api.post(tenants.stranger(), path() + "/" + id + "/check", null).status()).isEqualTo(404);
        String ownPath = "/api/v1/tenants/" + tenants.otherId() + "/connections/" + id;
        assertThat(api.get(tenants.stranger(), ownPath).status()).isEqualTo(404);
        assertThat(api.post(tenants.stranger(), ownPath + "/check", null).status()).isEqualTo(404);
        assertThat(api.post(tenants.stranger(), ownPath + "/discover", null).status()).isEqualTo(404);
        assertThat(api.put(tenants.stranger(), ownPath, update("Taken", "tok-x"), "If-Match", "\"1\"").status()).isEqualTo(404);
        assertThat(api.delete(tenants.stranger(), ownPath, "If-Match", "\"1\"").status()).isEqualTo(404);
        assertThat(api.get(tenants.viewer(), path() + "/" + id).json()).containsEntry("name", "Till API");
    }

    private Response post(User as, String path, Object body, String... headers) {
        Response r = api.post(as, path, body, headers);
        responses.add(r);
        return r;
    }

    private String create(String token) {
        Response response = post(tenants.admin(), path(), connection("Till API", token));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    private Map<String, Object> connection(String name, String token) {
        return Map.of("connectorId", "http-json", "name", name, "config", httpJson(token));
    }

    private Map<String, Object> update(String name, String token) {
        return Map.of("name", name, "config", httpJson(token));
    }

    private Map<String, Object> httpJson(String token) {
        Map<String, Object> config = new HashMap<>();
        config.put("url", ordersUrl());
        config.put("stream", "orders");
        config.put("maxRetries", 0);
        config.put("timeoutSeconds", 5);
        if (token != null) {
            config.put("bearerToken", token);
        }
        return config;
    }

    private String ordersUrl() {
        return vendor.url("/orders");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Response response) {
        return (Map<String, Object>) response.json().get("config");
    }

    private String path() {
        return "/api/v1/tenants/" + tenants.id() + "/connections";
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
