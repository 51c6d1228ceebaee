package io.tillbridge.quotas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.testing.SecondProcess;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connector.http.FakeJsonApi;
import io.tillbridge.connector.http.HttpJsonSourceConfig;
import io.tillbridge.connector.http.HttpJsonSourceConfig.Pagination;
import io.tillbridge.connector.http.HttpJsonSourceConfig.RateLimitProvider;
import io.tillbridge.connector.http.HttpJsonSourceConnector;
import io.tillbridge.connector.spi.CallGate;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Provider quotas shared through PostgreSQL by two platform processes (two application contexts
 * on one database, each with its own gates and memory).
 */
@MicronautTest(transactional = false)
class ProviderQuotasIT extends TestDatabaseProperties {

    private static final double RATE = 20;
    private static final int BURST = 5;

    @Inject
    ProviderQuotas quotas;

    @Inject
    ConnectorContexts contexts;

    @RegisterExtension
    final SecondProcess otherProcess = new SecondProcess(this::getProperties);

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.quotas.providers.testrate.per-second", String.valueOf(RATE),
                "tillbridge.quotas.providers.testrate.burst", String.valueOf(BURST));
    }

    @Test
    void two_processes_sharing_an_account_never_exceed_its_rate_together() throws Exception {
        String account = "merchant-" + UUID.randomUUID();
        List<CallGate> gates = List.of(quotas.gate("testrate", account), quotas.gate("testrate", account),
                otherProcess.getBean(ProviderQuotas.class).gate("testrate", account),
                otherProcess.getBean(ProviderQuotas.class).gate("testrate", account));
        List<Long> granted = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(3).toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(gates.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (CallGate gate : gates) {
                done.add(threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        gate.acquire();
                        granted.add(System.nanoTime());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        List<Long> at = new ArrayList<>(granted);
        Collections.sort(at);
        double seconds = (at.get(at.size() - 1) - start) / 1e9;
        // A token bucket lets burst + rate x window through in any window; 2 more for timing jitter.
        long window = Duration.ofSeconds(1).toNanos();
        int busiest = 0;
        for (int i = 0; i < at.size(); i++) {
            int j = i;
            while (j < at.size() && at.get(j) - at.get(i) < window) {
                j++;
            }
            busiest = Math.max(busiest, j - i);
        }
        assertThat(busiest).as("permits in the busiest second").isLessThanOrEqualTo((int) (BURST + RATE) + 2);
        assertThat(at.size()).as("permits in %.2f s", seconds).isLessThanOrEqualTo((int) (BURST + RATE * seconds) + 2)
                .isGreaterThanOrEqualTo((int) (RATE * 3 * 0.7));
        System.out.printf("quota: %d permits in %.2f s over two processes (rate %.0f/s, burst %d), busiest second %d%n",
                at.size(), seconds, RATE, BURST, busiest);
    }

    @Test
    void after_a_429_with_retry_after_2_no_process_calls_the_account_for_2_seconds() throws Exception {
        try (FakeJsonApi api = new FakeJsonApi()) {
            api.holdRecords(5);
            api.rateLimitNext(1);
            HttpJsonSourceConfig config = HttpJsonSourceConfig.of(api.uri("/cursor")).withBearerToken(FakeJsonApi.TOKEN)
                    .withRecords("/data", "/id", "/updated_at")
                    .withPagination(Pagination.CURSOR, "/next_cursor", "cursor")
                    .withRateLimit(RateLimitProvider.SHOPIFY, "store-" + UUID.randomUUID());
            TenantId tenant = new TenantId(UUID.randomUUID());
            // One run in this process gets the 429 and gives up at once.
            try (HttpJsonSourceConnector first = new HttpJsonSourceConnector()) {
                first.useContext(contexts.of(tenant, UUID.randomUUID()));
                assertThat(first.check(config.withMaxRetries(0)).status()).isEqualTo(CheckResult.Status.TRANSIENT);
            }
            // A run of another connection to the same store, in the other process, waits for the Retry-After.
            try (HttpJsonSourceConnector second = new HttpJsonSourceConnector()) {
                second.useContext(otherProcess.getBean(ConnectorContexts.class).of(tenant, UUID.randomUUID()));
                assertThat(second.check(config).status()).isEqualTo(CheckResult.Status.OK);
            }
            List<Long> at = api.requestNanos();
            assertThat(at).hasSize(2);
            Duration gap = Duration.ofNanos(at.get(1) - at.get(0));
            System.out.println("quota: first request after the 429 came " + gap.toMillis() + " ms later");
            assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(1_950)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void a_forged_retry_after_from_one_tenants_api_closes_the_account_for_that_tenant_only() throws Exception {
        try (FakeJsonApi forging = new FakeJsonApi(); FakeJsonApi honest = new FakeJsonApi()) {
            forging.holdRecords(5);
            honest.holdRecords(5);
            forging.rateLimitNext(1, "3600");
            String account = "acme-" + UUID.randomUUID();
            TenantId tenantA = new TenantId(UUID.randomUUID());
            TenantId tenantB = new TenantId(UUID.randomUUID());
            HttpJsonSourceConfig forged = HttpJsonSourceConfig.of(forging.uri("/cursor"))
                    .withBearerToken(FakeJsonApi.TOKEN).withRecords("/data", "/id", "/updated_at")
                    .withPagination(Pagination.CURSOR, "/next_cursor", "cursor")
                    .withRateLimit(RateLimitProvider.SHOPIFY, account);
            // Tenant B's API answers 429 with Retry-After: 3600 for the account "acme".
            try (HttpJsonSourceConnector b = new HttpJsonSourceConnector()) {
                b.useContext(contexts.of(tenantB, UUID.randomUUID()));
                assertThat(b.check(forged.withMaxRetries(0)).status()).isEqualTo(CheckResult.Status.TRANSIENT);
            }
            // Tenant B's account is closed, in this process and in the other one...
            assertThatThrownBy(() -> otherProcess.getBean(ConnectorContexts.class).of(tenantB, UUID.randomUUID())
                    .gate("shopify", account).acquire()).isInstanceOf(ConnectorException.class);
            // ...but tenant A, naming the same account, is not delayed, in either process.
            HttpJsonSourceConfig own = HttpJsonSourceConfig.of(honest.uri("/cursor"))
                    .withBearerToken(FakeJsonApi.TOKEN).withRecords("/data", "/id", "/updated_at")
                    .withPagination(Pagination.CURSOR, "/next_cursor", "cursor")
                    .withRateLimit(RateLimitProvider.SHOPIFY, account);
            for (ConnectorContexts process : List.of(contexts, otherProcess.getBean(ConnectorContexts.class))) {
                try (HttpJsonSourceConnector a = new HttpJsonSourceConnector()) {
                    a.useContext(process.of(tenantA, UUID.randomUUID()));
                    long start = System.nanoTime();
                    assertThat(a.check(own).status()).isEqualTo(CheckResult.Status.OK);
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    System.out.println("quota: tenant A's check on the account tenant B was told to leave took "
                            + took.toMillis() + " ms");
                    assertThat(took).isLessThan(Duration.ofMillis(500));
                }
            }
        }
    }

    @Test
    void a_retry_after_closes_an_account_for_at_most_the_maximum_back_off() {
        String account = "capped-" + UUID.randomUUID();
        quotas.gate("testrate", account).backOff(Duration.ofDays(365));
        assertThatThrownBy(otherProcess.getBean(ProviderQuotas.class).gate("testrate", account)::acquire)
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.retryAfter().orElseThrow())
                        .isGreaterThan(Duration.ofMinutes(59)).isLessThanOrEqualTo(quotas.maxBackOff()));
    }

    @Test
    void the_table_holds_a_hash_of_the_account_never_the_account() throws Exception {
        String account = "realm-" + UUID.randomUUID();
        quotas.gate("quickbooks", account).acquire();
        try (Connection c = TestDatabase.shared().app().connect();
                PreparedStatement ps = c.prepareStatement("SELECT count(*), bool_and(octet_length(account_hash) = 32),"
                        + " bool_or(position(convert_to(?, 'UTF8') in account_hash) > 0)"
                        + " FROM provider_quotas WHERE provider = 'quickbooks'")) {
            ps.setString(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
                assertThat(rs.getBoolean(2)).isTrue();
                assertThat(rs.getBoolean(3)).isFalse();
            }
        }
    }

    @Test
    void a_long_retry_after_closes_the_account_in_every_process_and_the_wait_fails_transient_with_it() {
        String account = "blocked-" + UUID.randomUUID();
        quotas.gate("testrate", account).backOff(Duration.ofMinutes(30));
        CallGate elsewhere = otherProcess.getBean(ProviderQuotas.class).gate("testrate", account);
        assertThatThrownBy(elsewhere::acquire).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.category()).isEqualTo(ConnectorException.Category.TRANSIENT);
            assertThat(e.retryAfter().orElseThrow()).isGreaterThan(Duration.ofMinutes(29));
        });
    }
}
