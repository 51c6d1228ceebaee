package io.tillbridge.integrations;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.http.FakeJsonApi;
import io.tillbridge.connector.http.FakeOAuthServer;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.WarehouseSandbox;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs use the platform's connector context: OAuth2 tokens kept and refreshed once per connection,
 * and request quotas in PostgreSQL that a 429 closes for every run.
 */
@MicronautTest(transactional = false)
class RunQuotasAndTokensIT extends TestDatabaseProperties {

    @Inject
    RunWorker worker;

    @Inject
    ApiClient api;

    private WarehouseSandbox warehouse;
    private FakeJsonApi vendor;
    private FakeOAuthServer oauth;
    private UUID tenant;
    private User owner;

    @BeforeAll
    void a_warehouse_schema() {
        warehouse = WarehouseSandbox.inTestDatabase();
    }

    @AfterAll
    void drop_the_schema() {
        warehouse.close();
    }

    @BeforeEach
    void fakes_and_a_tenant() throws IOException {
        vendor = new FakeJsonApi();
        oauth = new FakeOAuthServer();
        vendor.holdRecords(15);
        tenant = newTenant("Quota Deli");
        owner = newMember(tenant, TenantRole.OWNER);
    }

    @AfterEach
    void stop_the_fakes() {
        vendor.close();
        oauth.close();
    }

    @Test
    void runs_refresh_a_stale_oauth_token_once_and_the_next_run_uses_the_kept_rotated_tokens() {
        vendor.acceptTokens(oauth::isCurrent);
        Map<String, Object> source = source();
        source.putAll(Map.of("oauthEndpoint", oauth.tokenUrl().toString(), "oauthClientId", FakeOAuthServer.CLIENT_ID,
                "oauthClientSecret", FakeOAuthServer.CLIENT_SECRET,
                "oauthRefreshToken", FakeOAuthServer.FIRST_REFRESH_TOKEN, "oauthAccessToken", "stale-access"));
        String integration = integration(source);

        Map<String, Object> first = runs().toTheEnd(runs().start(integration));
        assertThat(first).as(first.toString()).containsEntry("status", "succeeded");
        assertThat(oauth.calls()).isEqualTo(1);
        // The refused request and its one repetition, then the second page.
        assertThat(vendor.requests()).hasSize(3);

        // Without the kept tokens this run would present the used refresh token and fail with invalid_grant.
        Map<String, Object> second = runs().toTheEnd(runs().start(integration));
        assertThat(second).as(second.toString()).containsEntry("status", "succeeded");
        assertThat(oauth.calls()).isEqualTo(1);
        assertThat(oauth.invalidGrants()).isZero();
    }

    @Test
    void a_run_that_meets_a_429_closes_the_account_in_the_shared_quota_and_waits_out_the_retry_after()
            throws Exception {
        vendor.rateLimitNext(1);
        String account = "store-" + UUID.randomUUID();
        Map<String, Object> source = source();
        source.putAll(Map.of("bearerToken", FakeJsonApi.TOKEN, "rateLimitProvider", "SHOPIFY",
                "rateLimitAccount", account));
        Map<String, Object> run = runs().toTheEnd(runs().start(integration(source)));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
        List<Long> at = vendor.requestNanos();
        assertThat(at).hasSize(3);
        assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(1_950));

        byte[] hash = MessageDigest.getInstance("SHA-256").digest(("shopify\u0000account:" + tenant + "/" + account)
                .getBytes(StandardCharsets.UTF_8));
        try (Connection c = TestDatabase.shared().app().connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT tokens FROM provider_quotas WHERE provider = 'shopify' AND account_hash = ?")) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the run's requests went through the shared quota").isTrue();
                // Three permits out of a burst of 40 would leave some 37; the 429 emptied the bucket.
                assertThat(rs.getBigDecimal(1)).as("the 429 emptied the account's bucket for every run")
                        .isLessThan(java.math.BigDecimal.valueOf(5));
            }
        }
    }

    @Test
    void a_forged_retry_after_for_one_tenant_does_not_delay_another_tenants_run_on_the_same_account()
            throws Exception {
        try (FakeJsonApi forging = new FakeJsonApi()) {
            forging.holdRecords(5);
            forging.rateLimitNext(1, "3600");
            String account = "acme-" + UUID.randomUUID();
            // Tenant B's run meets "429 Retry-After: 3600" for the account and is re-queued.
            UUID tenantB = newTenant("Forging Deli");
            User ownerB = newMember(tenantB, TenantRole.OWNER);
            Map<String, Object> forged = source(forging);
            forged.putAll(Map.of("bearerToken", FakeJsonApi.TOKEN, "rateLimitProvider", "SHOPIFY",
                    "rateLimitAccount", account));
            String baseB = "/api/v1/tenants/" + tenantB;
            String runB = new RunDriver(api, worker).start(ownerB, baseB, integration(ownerB, baseB, forged));
            Map<String, Object> requeued = Map.of();
            for (int i = 0; i < 100 && !Integer.valueOf(1).equals(requeued.get("retries")); i++) {
                worker.runOnce();
                requeued = api.get(ownerB, baseB + "/runs/" + runB).json();
            }
            assertThat(requeued).as(requeued.toString()).containsEntry("status", "queued").containsEntry("retries", 1);

            // Tenant A names the same account: its run is not held up by B's back-off.
            Map<String, Object> own = source();
            own.putAll(Map.of("bearerToken", FakeJsonApi.TOKEN, "rateLimitProvider", "SHOPIFY",
                    "rateLimitAccount", account));
            String runA = runs().start(integration(own));
            long started = System.nanoTime();
            Map<String, Object> run = runs().toTheEnd(runA);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(run).as(run.toString()).containsEntry("status", "succeeded").containsEntry("retries", 0);
            List<Long> at = vendor.requestNanos();
            assertThat(at).hasSize(2);
            Duration gap = Duration.ofNanos(at.get(1) - at.get(0));
            System.out.println("quota: tenant A's run on the account tenant B was told to leave took " + took.toMillis()
                    + " ms; its two pages " + gap.toMillis() + " ms apart");
            // Between the pages lies the first page's write to the warehouse, not a wait for the quota.
            assertThat(gap).as("no wait between tenant A's pages").isLessThan(Duration.ofMillis(1_500));
        }
    }

    private Map<String, Object> source() {
        return source(vendor);
    }

    private static Map<String, Object> source(FakeJsonApi vendor) {
        return new HashMap<>(Map.of("url", vendor.uri("/cursor").toString(), "recordsPointer", "/data",
                "updatedAtPointer", "/updated_at", "pagination", "CURSOR", "cursorPointer", "/next_cursor",
                "cursorParam", "cursor", "timeoutSeconds", 5));
    }

    private String integration(Map<String, Object> sourceConfig) {
        return integration(owner, base(), sourceConfig);
    }

    private String integration(User owner, String base, Map<String, Object> sourceConfig) {
        String source = created(api.post(owner, base + "/connections", Map.of("connectorId", "http-json",
                "name", "Till", "config", sourceConfig)));
        String target = created(api.post(owner, base + "/connections", Map.of("connectorId", "postgres-warehouse",
                "name", "Warehouse", "config", Map.of("jdbcUrl", warehouse.url(), "user", warehouse.schema(),
                        "password", warehouse.password(), "schema", warehouse.schema()))));
        return created(api.post(owner, base + "/integrations", Map.of("name", "Orders",
                "sourceConnectionId", source, "sourceStream", "records", "targetConnectionId", target,
                "targetObject", "orders_" + UUID.randomUUID().toString().substring(0, 8))));
    }

    private String base() {
        return "/api/v1/tenants/" + tenant;
    }

    private RunDriver runs() {
        return new RunDriver(api, worker, owner, owner, base());
    }

}
