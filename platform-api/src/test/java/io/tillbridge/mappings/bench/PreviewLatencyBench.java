package io.tillbridge.mappings.bench;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * G8 load driver, on demand only (its name matches no test pattern, so the normal build never runs
 * it): preview of a draft Square-order mapping over 20 given records through the HTTP endpoint, one
 * client thread, keep-alive, after a warm-up, rate limits off; prints the latency distribution. It asserts only that
 * every answer is 200, never a time. Run with
 * {@code ./mvnw -B -pl platform-api -am test -Dtest=PreviewLatencyBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@MicronautTest(transactional = false)
@Property(name = "tillbridge.rate-limits.enabled", value = "false")
class PreviewLatencyBench extends TestDatabaseProperties {

    static final String SPEC = """
            {"steps": [{"flatten": {"path": "line_items", "as": "item"}}],
             "valueMaps": {"accounts": {"entries": {"CARD": "1200", "CASH": "1000"}}},
             "fields": [
              {"target": "order_id", "source": "id", "required": true},
              {"target": "location_id", "source": "location_id"},
              {"target": "state", "source": "state", "case": "lower"},
              {"target": "business_day", "source": "created_at", "businessDay": {"zone": "America/New_York", "closeOut": "04:00"}},
              {"target": "customer_id", "source": "customer_id", "default": "guest"},
              {"target": "line_uid", "source": "item.uid"},
              {"target": "sku", "source": "item.catalog_object_id"},
              {"target": "name", "source": "item.name", "trim": true},
              {"target": "quantity", "source": "item.quantity", "type": "integer"},
              {"target": "unit_price", "source": "item.base_price_money.amount",
               "money": {"from": "minor", "to": "decimal", "currencySource": "item.base_price_money.currency"}},
              {"target": "line_total", "source": "item.total_money.amount",
               "money": {"from": "minor", "to": "decimal", "currencySource": "item.total_money.currency"}},
              {"target": "currency", "source": "item.total_money.currency"},
              {"target": "payment_account", "source": "tenders[0].type", "valueMap": "accounts"},
              {"target": "net_minor", "expression": "item.total_money.amount - item.total_tax_money.amount"}
             ]}
            """;

    @Inject
    EmbeddedServer server;

    @Inject
    AccessTokens tokens;

    @Inject
    JsonMapper json;

    @Test
    void preview_of_20_records_through_http() throws Exception {
        int warmup = Integer.getInteger("bench.warmup", 500);
        int requests = Integer.getInteger("bench.requests", 2000);
        UUID tenant = newTenant("Preview Bench");
        User admin = newMember(tenant, TenantRole.ADMIN);
        ApiClient api = new ApiClient(server, tokens, json);
        String source = (String) api.post(admin, "/api/v1/tenants/" + tenant + "/connections", Map.of("connectorId", "http-json",
                "name", "orders", "config", Map.of("url", "http://127.0.0.1:9/orders", "maxRetries", 0, "timeoutSeconds", 2))).json().get("id");
        String target = (String) api.post(admin, "/api/v1/tenants/" + tenant + "/connections", Map.of("connectorId",
                "postgres-warehouse", "name", "wh", "config", Map.of("jdbcUrl", "jdbc:postgresql://127.0.0.1:9/none", "user", "wh",
                        "password", "pw", "schema", "wh"))).json().get("id");
        String integration = (String) api.post(admin, "/api/v1/tenants/" + tenant + "/integrations", Map.of("name", "Orders",
                "sourceConnectionId", source, "sourceStream", "records", "targetConnectionId", target, "targetObject", "lines"))
                .json().get("id");
        String body = "{\"spec\":" + SPEC + ",\"records\":[" + orders(20) + "]}";
        String token = tokens.forUser(admin.id(), admin.email(), Optional.empty()).token();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + "/api/v1/tenants/"
                        + tenant + "/integrations/" + integration + "/mappings/preview"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).doesNotContain("\"errors\":[{");
        for (int i = 0; i < warmup; i++) {
            assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - start;
            assertThat(response.statusCode()).isEqualTo(200);
        }
        Arrays.sort(nanos);
        System.out.printf("%nG8 preview, 20 records (%d line items), %d requests after %d warm-up, one client thread:%n"
                        + "  p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, mean %.2f ms; request body %d bytes, answer %d bytes%n",
                first.body().split("\"line_uid\"").length - 1, requests, warmup, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99),
                nanos[requests - 1] / 1e6, Arrays.stream(nanos).average().orElse(0) / 1e6, body.length(), first.body().length());
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    static String orders(int count) {
        Random random = new Random(8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(',');
            }
            StringBuilder items = new StringBuilder();
            int lines = 1 + random.nextInt(5);
            for (int l = 0; l < lines; l++) {
                long price = 150 + random.nextInt(600);
                int qty = 1 + random.nextInt(3);
                long total = price * qty;
                items.append(l > 0 ? "," : "").append("{\"uid\":\"li-").append(i).append('-').append(l)
                        .append("\",\"catalog_object_id\":\"SKU").append(random.nextInt(500)).append("\",\"name\":\" Latte \",")
                        .append("\"quantity\":\"").append(qty).append("\",\"base_price_money\":{\"amount\":").append(price)
                        .append(",\"currency\":\"USD\"},\"total_money\":{\"amount\":").append(total)
                        .append(",\"currency\":\"USD\"},\"total_tax_money\":{\"amount\":").append(total * 8 / 100)
                        .append(",\"currency\":\"USD\"}}");
            }
            out.append("{\"id\":\"ORD-").append(i).append("\",\"location_id\":\"L1\",\"state\":\"COMPLETED\",")
                    .append("\"created_at\":\"2026-11-27T0").append(random.nextInt(10)).append(":30:00Z\",")
                    .append("\"tenders\":[{\"type\":\"").append(random.nextBoolean() ? "CARD" : "CASH").append("\"}],")
                    .append("\"line_items\":[").append(items).append("]}");
        }
        return out.toString();
    }
}
