package io.tillbridge.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.ConnectorRegistry;
import io.tillbridge.connector.spi.ConnectorSandbox;
import io.tillbridge.connector.spi.OAuthAuthorization;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.square.SquareConfig;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connecting with OAuth through the API against the vendor sandboxes that ship with the platform,
 * with real HTTP, PostgreSQL and loopback sandboxes, and the platform's strict egress policy (no
 * loopback allowed by the operator): start, the sandbox's approval in place of the merchant's
 * browser, the callback, and the connection that checks and reads. The end-to-end test runs for
 * every sandbox on the class path whose connector connects with OAuth.
 */
@MicronautTest(transactional = false)
class OAuthConnectIT extends TestDatabaseProperties {

    private static final String PORTAL = "https://portal.tillbridge.example";

    @Inject
    ApiClient api;

    @Inject
    ConnectionService connections;

    @Inject
    ConnectorContexts contexts;

    @Inject
    ConnectorConfigs configs;

    @Inject
    SandboxConnections sandboxes;

    @Inject
    ConnectionOAuth oauth;

    @Inject
    io.tillbridge.access.TenantAccess access;

    @Inject
    io.tillbridge.onboarding.OnboardingService onboarding;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants(TenantRole.ADMIN, TenantRole.VIEWER);

    @Override
    protected Map<String, String> extraProperties() {
        // The platform's own policy: loopback refused unless a sandbox connection's sandbox.
        return Map.of("tillbridge.egress.allow", "", "tillbridge.portal.url", PORTAL);
    }

    /** Every shipped sandbox whose connector connects with OAuth. */
    static Stream<String> oauthSandboxes() {
        ConnectorRegistry registry = ConnectorRegistry.load();
        List<String> ids = ServiceLoader.load(ConnectorSandbox.Provider.class).stream()
                .map(p -> p.get().connectorId())
                .filter(id -> registry.spec(id).isPresent() && registry.create(id) instanceof OAuthAuthorization<?>)
                .distinct().toList();
        assertThat(ids).as("sandboxes with an OAuth connector").contains("square");
        return ids.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oauthSandboxes")
    void connecting_with_oauth_to_the_sandbox_creates_a_connection_that_checks_and_reads(String connectorId) {
        Response started = start(connectorId, "Sandbox " + connectorId);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json()).containsKeys("authorizationUrl", "expiresAt", "scopes", "redirectUri");
        URI authorization = URI.create((String) started.json().get("authorizationUrl"));
        assertThat(authorization.getHost()).isEqualTo("127.0.0.1");

        Response callback = callback(approve(connectorId, authorization), false);

        assertThat(callback.status()).as(callback.toString()).isEqualTo(302);
        String location = callback.header("Location").orElseThrow();
        assertThat(location).startsWith(PORTAL + "/connections/");
        String id = location.substring(location.lastIndexOf('/') + 1);
        Response connection = api.get(tenants.viewer(), path() + "/" + id);
        assertThat(connection.status()).isEqualTo(200);
        assertThat(connection.json()).containsEntry("sandbox", true).containsEntry("connectorId", connectorId);
        assertThat(secretsShown(connectorId, connection)).isNotEmpty().allMatch(Map.of("set", true)::equals);
        assertThat(TenantFixture.audit(tenants.id(), "connection.oauth-granted")).hasSize(1);

        Response check = api.post(tenants.admin(), path() + "/" + id + "/check", null);
        assertThat(check.json()).as(check.toString()).containsEntry("status", "OK");
        assertThat(readsSomething(UUID.fromString(id))).isTrue();
    }

    @Test
    void the_tokens_are_sealed_in_the_vault_and_never_in_a_response_or_the_config_column() {
        String id = connectViaOAuth();
        SquareConfig tokens = (SquareConfig) connections.bind(new TenantId(tenants.id()), UUID.fromString(id)).config();

        Response shown = api.get(tenants.admin(), path() + "/" + id);
        String stored = TenantFixture.inTenant(tenants.id(), c -> TenantFixture.rows(c,
                "SELECT config::text AS config FROM connections WHERE tenant_id = ? AND id = ?", tenants.id(),
                UUID.fromString(id)).get(0).get("config").toString());
        List<Map<String, Object>> sealed = TenantFixture.inTenant(tenants.id(), c -> TenantFixture.rows(c,
                "SELECT field, ciphertext FROM connection_secrets WHERE tenant_id = ? AND connection_id = ?",
                tenants.id(), UUID.fromString(id)));

        assertThat(tokens.accessToken()).isNotBlank();
        assertThat(tokens.oauthRefreshToken()).isNotBlank();
        assertThat(shown.body()).doesNotContain(tokens.accessToken()).doesNotContain(tokens.oauthRefreshToken());
        assertThat(stored).doesNotContain(tokens.accessToken()).doesNotContain(tokens.oauthRefreshToken());
        assertThat(sealed).extracting(r -> r.get("field")).contains("accessToken", "oauthRefreshToken",
                "oauthClientSecret");
        assertThat(TenantFixture.audit(tenants.id(), "connection.created").toString())
                .doesNotContain(tokens.accessToken()).doesNotContain(tokens.oauthRefreshToken());
    }

    @Test
    void a_replayed_state_is_refused_and_nothing_more_is_stored() {
        Response started = start("square", "Replay");
        URI redirect = approve("square", URI.create((String) started.json().get("authorizationUrl")));
        assertThat(callback(redirect, false).status()).isEqualTo(302);

        Response replay = callback(redirect, true);

        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.problemType()).isEqualTo("/problems/oauth-state-invalid");
        assertThat(replay.body()).contains("already used");
        assertThat(connectionCount()).isEqualTo(1);
    }

    @Test
    void an_expired_state_is_refused_and_nothing_is_stored() {
        Response started = start("square", "Late");
        URI redirect = approve("square", URI.create((String) started.json().get("authorizationUrl")));
        TenantFixture.inTenant(tenants.id(), c -> TenantFixture.update(c, "UPDATE oauth_states SET expires_at ="
                + " now() - interval '1 second' WHERE tenant_id = ?", tenants.id()));

        Response late = callback(redirect, true);

        assertThat(late.status()).isEqualTo(400);
        assertThat(late.problemType()).isEqualTo("/problems/oauth-state-invalid");
        assertThat(late.body()).contains("expired");
        assertThat(connectionCount()).isZero();
    }

    @Test
    void a_state_used_with_another_tenants_session_answers_404_and_stays_usable_by_its_owner() {
        Response started = start("square", "Mine");
        URI redirect = approve("square", URI.create((String) started.json().get("authorizationUrl")));

        Response stranger = api.as(tenants.stranger()).send("GET", callbackPath(redirect), null,
                "Accept", "application/json");

        assertThat(stranger.status()).isEqualTo(404);
        assertThat(connectionCount()).isZero();
        List<Map<String, Object>> others = TenantFixture.inTenant(tenants.otherId(), c -> TenantFixture.rows(c,
                "SELECT id FROM connections WHERE tenant_id = ?", tenants.otherId()));
        assertThat(others).isEmpty();
        Response owner = callback(redirect, true);
        assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
        assertThat(owner.json()).containsEntry("tenantId", tenants.id().toString());
    }

    @Test
    void a_declined_consent_answers_oauth_denied_stores_nothing_and_uses_up_the_state() {
        Response started = start("square", "Declined");
        String state = query(URI.create((String) started.json().get("authorizationUrl")), "state");
        String path = OAuthAddresses.CALLBACK_PATH + "?error=access_denied&state=" + encode(state);

        Response denied = api.as(null).send("GET", path, null, "Accept", "application/json");

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.problemType()).isEqualTo("/problems/oauth-denied");
        assertThat(connectionCount()).isZero();
        assertThat(TenantFixture.audit(tenants.id(), "connection.oauth-denied")).hasSize(1);
        assertThat(api.as(null).send("GET", path, null, "Accept", "application/json").problemType())
                .isEqualTo("/problems/oauth-state-invalid");
    }

    @Test
    void an_unknown_or_missing_state_is_refused() {
        Response unknown = api.as(null).send("GET", OAuthAddresses.CALLBACK_PATH + "?code=x&state=never-issued", null);
        Response missing = api.as(null).send("GET", OAuthAddresses.CALLBACK_PATH + "?code=x", null);

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.problemType()).isEqualTo("/problems/oauth-state-invalid");
        assertThat(missing.problemType()).isEqualTo("/problems/oauth-state-invalid");
    }

    @Test
    void starting_needs_the_right_to_configure_and_takes_no_secrets() {
        Response viewer = api.post(tenants.viewer(), path() + "/oauth", Map.of("connectorId", "square", "name", "V",
                "sandbox", true));
        Response secret = api.post(tenants.admin(), path() + "/oauth", Map.of("connectorId", "square", "name", "S",
                "sandbox", true, "config", Map.of("accessToken", "EAAA-secret")));
        Response noOAuth = api.post(tenants.admin(), path() + "/oauth", Map.of("connectorId", "http-json", "name", "H"));
        Response noClient = api.post(tenants.admin(), path() + "/oauth", Map.of("connectorId", "square", "name", "P"));

        assertThat(viewer.status()).isEqualTo(403);
        assertThat(secret.status()).isEqualTo(400);
        assertThat(secret.body()).contains("config.accessToken").doesNotContain("EAAA-secret");
        assertThat(noOAuth.status()).isEqualTo(422);
        assertThat(noClient.status()).isEqualTo(422);
        assertThat(noClient.body()).contains("tillbridge.oauth.square.client-id");
    }

    @Test
    void a_sandbox_connection_can_be_created_without_oauth_and_checks() {
        Response created = api.post(tenants.admin(), path(), Map.of("connectorId", "square", "name", "Try it",
                "config", Map.of(), "sandbox", true));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json()).containsEntry("sandbox", true);
        Map<String, Object> config = config(created);
        assertThat((String) config.get("baseUrl")).startsWith("http://127.0.0.1:");
        assertThat(config).containsEntry("accessToken", Map.of("set", true));
        Response check = api.post(tenants.admin(), path() + "/" + created.json().get("id") + "/check", null);
        assertThat(check.json()).as(check.toString()).containsEntry("status", "OK");
    }

    @Test
    void a_connection_not_in_sandbox_pointing_at_the_sandbox_is_refused_before_a_socket_opens() {
        Response sandbox = api.post(tenants.admin(), path(), Map.of("connectorId", "square", "name", "Sandbox",
                "config", Map.of(), "sandbox", true));
        String sandboxUrl = (String) config(sandbox).get("baseUrl");
        Response plain = api.post(tenants.admin(), path(), Map.of("connectorId", "square", "name", "Sneaky",
                "config", Map.of("baseUrl", sandboxUrl, "accessToken", "EAAA-any")));
        assertThat(plain.json()).containsEntry("sandbox", false);

        Response check = api.post(tenants.admin(), path() + "/" + plain.json().get("id") + "/check", null);

        assertThat(check.json()).containsEntry("status", "CONFIG");
        assertThat((String) check.json().get("message")).contains("127.0.0.1 is a loopback address");
    }

    @Test
    void another_tenant_cannot_see_a_sandbox_connection() {
        String id = connectViaOAuth();

        assertThat(api.get(tenants.stranger(), path() + "/" + id).status()).isEqualTo(404);
        assertThat(api.post(tenants.stranger(), path() + "/" + id + "/check", null).status()).isEqualTo(404);
        assertThat(api.get(tenants.stranger(), "/api/v1/tenants/" + tenants.otherId() + "/connections").items())
                .isEmpty();
    }

    @Test
    void a_sandbox_connection_survives_a_restart_its_sandbox_starting_again_with_the_same_seed() {
        String id = connectViaOAuth();
        List<String> locations = keys(UUID.fromString(id), "locations");
        assertThat(locations).isNotEmpty();

        sandboxes.close(); // as at a restart of the platform: no sandbox runs, no connection is adopted

        Response check = api.post(tenants.admin(), path() + "/" + id + "/check", null);
        assertThat(check.json()).as(check.toString()).containsEntry("status", "OK");
        assertThat(api.get(tenants.admin(), path() + "/" + id).json()).containsEntry("sandbox", true);
        assertThat(keys(UUID.fromString(id), "locations")).isEqualTo(locations);
        assertThat(TenantFixture.audit(tenants.id(), "connection.sandbox-restarted")).hasSize(1);
    }

    @Test
    void the_catalog_lists_the_oauth_scopes_of_the_connectors_role_and_the_sandbox() {
        Map<String, Object> square = api.as(null).get("/api/v1/connectors/square").json();

        assertThat(square).containsEntry("sandbox", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> oauth = (Map<String, Object>) square.get("oauth");
        assertThat(oauth).containsEntry("connect", true);
        assertThat(oauth.get("scopes")).isEqualTo(List.copyOf(((OAuthAuthorization<?>) ConnectorRegistry.load()
                .create("square")).scopes()));
        assertThat(api.as(null).get("/api/v1/connectors/http-json").json()).containsEntry("sandbox", false);
    }

    @Test
    void a_grant_started_from_the_setup_wizard_returns_the_browser_to_it_with_the_new_connection() {
        OAuthStart started = onboarding.startOAuth(adminScope(), new ConnectionDraft("square", "Square sandbox",
                Map.of(), true));

        Response callback = callback(approve("square", started.authorizationUrl()), false);

        assertThat(callback.status()).as(callback.toString()).isEqualTo(302);
        assertThat(callback.header("Location").orElseThrow())
                .matches(java.util.regex.Pattern.quote(PORTAL + "/get-started?connection=") + "[0-9a-f-]{36}");
    }

    @Test
    void a_grant_started_elsewhere_after_the_wizard_still_returns_to_the_connection() {
        onboarding.startOAuth(adminScope(), new ConnectionDraft("square", "Square sandbox", Map.of(), true));
        OAuthStart started = oauth.start(adminScope(), new ConnectionDraft("square", "Square sandbox", Map.of(), true));

        Response callback = callback(approve("square", started.authorizationUrl()), false);

        assertThat(callback.header("Location").orElseThrow()).startsWith(PORTAL + "/connections/");
    }

    // --- helpers

    private io.tillbridge.access.TenantScope adminScope() {
        return access.admit(new io.tillbridge.access.Caller.User(tenants.admin().id(), tenants.admin().email(),
                java.util.Optional.empty()), new TenantId(tenants.id()));
    }

    private String connectViaOAuth() {
        Response started = start("square", "Square sandbox");
        Response callback = callback(approve("square", URI.create((String) started.json().get("authorizationUrl"))),
                true);
        assertThat(callback.status()).as(callback.toString()).isEqualTo(200);
        return (String) callback.json().get("connectionId");
    }

    private Response start(String connectorId, String name) {
        return api.post(tenants.admin(), path() + "/oauth", Map.of("connectorId", connectorId, "name", name,
                "sandbox", true));
    }

    /** What the vendor's page answers once the merchant approved: the redirect to our callback. */
    private URI approve(String connectorId, URI authorization) {
        return sandboxes.running(new TenantId(tenants.id()), connectorId).sandbox().approve(authorization);
    }

    /** The merchant's browser following the vendor's redirect (anonymous; JSON when asked). */
    private Response callback(URI redirect, boolean json) {
        return json ? api.as(null).send("GET", callbackPath(redirect), null, "Accept", "application/json")
                : api.as(null).send("GET", callbackPath(redirect), null, "Accept", "text/html");
    }

    private static String callbackPath(URI redirect) {
        assertThat(redirect.getPath()).isEqualTo(OAuthAddresses.CALLBACK_PATH);
        return redirect.getRawPath() + "?" + redirect.getRawQuery();
    }

    /** Whether a read of one of the connector's streams, through the platform's context, gives a record. */
    private boolean readsSomething(UUID id) {
        BoundConfig bound = connections.bind(new TenantId(tenants.id()), id);
        assertThat(bound.problem()).isNull();
        for (String stream : bound.spec().streams()) {
            if (read(bound, stream, new CollectingSink(1)).received() > 0) {
                return true;
            }
        }
        return false;
    }

    /** The keys of a whole stream of the connection, sorted. */
    private List<String> keys(UUID id, String stream) {
        BoundConfig bound = connections.bind(new TenantId(tenants.id()), id);
        return read(bound, stream, new CollectingSink()).committed().stream().map(r -> r.key()).sorted().toList();
    }

    private CollectingSink read(BoundConfig bound, String stream, CollectingSink sink) {
        @SuppressWarnings("unchecked")
        SourceConnector<Record> source = (SourceConnector<Record>) contexts.lend(
                configs.registry().create(bound.spec().id()), bound);
        try (source) {
            source.read(bound.config(), stream, null, sink);
        }
        return sink;
    }

    private long connectionCount() {
        return TenantFixture.inTenant(tenants.id(), c -> TenantFixture.rows(c,
                "SELECT id FROM connections WHERE tenant_id = ?", tenants.id()).size());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Response response) {
        return (Map<String, Object>) response.json().get("config");
    }

    /** How the connection shows the connector's secret fields that are set. */
    private List<Object> secretsShown(String connectorId, Response connection) {
        java.util.Set<String> secrets = configs.secretFields(configs.spec(connectorId));
        return config(connection).entrySet().stream().filter(e -> secrets.contains(e.getKey()))
                .map(Map.Entry::getValue).toList();
    }

    private static String query(URI uri, String name) {
        return ConnectorGrants.queryValue(uri, name);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String path() {
        return "/api/v1/tenants/" + tenants.id() + "/connections";
    }
}
