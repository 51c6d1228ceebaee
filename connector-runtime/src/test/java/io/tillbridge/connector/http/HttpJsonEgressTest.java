package io.tillbridge.connector.http;

import static io.tillbridge.connector.TestEgress.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.http.HttpJsonSourceConfig.Pagination;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.EgressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP JSON source under the egress policy, against scripted servers on loopback. Forbidden
 * addresses are reached through a resolver that maps test names (metadata.test, ...) to them: the
 * refusal must come before any socket, which servers listening where the connection would go confirm
 * by accepting nothing.
 */
class HttpJsonEgressTest {

    private static final String PAGE = "{\"data\":[{\"id\":\"a\",\"updated_at\":\"2026-01-01T00:00:00Z\"}]}";

    private final ManualTime time = new ManualTime();
    private final Map<String, List<String>> names = new HashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final List<LoopbackServer> servers = new java.util.ArrayList<>();

    @AfterEach
    void stop_servers() {
        servers.forEach(LoopbackServer::close);
    }

    private LoopbackServer server(String address, int port, LoopbackServer.Script script) throws IOException {
        LoopbackServer server = new LoopbackServer(address, port, script);
        servers.add(server);
        return server;
    }

    private LoopbackServer server(LoopbackServer.Script script) throws IOException {
        return server("127.0.0.1", 0, script);
    }

    /** Answers the names of {@link #names}, each lookup the next address of its list (the last one repeats). */
    private EgressPolicy.Resolver resolver() {
        return host -> {
            List<String> answers = names.get(host);
            if (answers == null) {
                throw new UnknownHostException(host);
            }
            int n = lookups.getAndIncrement();
            String answer = answers.get(Math.min(n, answers.size() - 1));
            return new InetAddress[] {address(answer)};
        };
    }


    /**
     * Run before a test names an address that is not loopback, so that no socket can reach it even if
     * the egress mechanics broke: the policy must refuse {@code host} by itself, and the connector's HTTP
     * path must go through the policy's resolution (a refused loopback probe whose server accepts
     * nothing). Only then may the test hand the name to the connector.
     */
    private void refusedBeforeAnySocket(EgressPolicy policy, String host) throws IOException {
        assertThatThrownBy(() -> policy.resolve(host, 80)).isInstanceOf(ConnectorException.class);
        LoopbackServer probe = server("127.0.0.9", 0, (request, out) -> page(out));
        names.put("probe.test", List.of("127.0.0.9"));
        assertThat(check(policy, config("http://probe.test:" + probe.port() + "/orders")).status())
                .isEqualTo(CheckResult.Status.CONFIG);
        assertThat(probe.accepted()).isZero();
        lookups.set(0);
    }

    private CheckResult check(EgressPolicy policy, HttpJsonSourceConfig config) {
        try (HttpJsonSourceConnector connector = new HttpJsonSourceConnector(RetryPolicy.DEFAULT, time, time,
                () -> 0.5, policy)) {
            return connector.check(config);
        }
    }

    private static HttpJsonSourceConfig config(String url) {
        return HttpJsonSourceConfig.of(URI.create(url)).withRecords("/data", "/id", "/updated_at").withMaxRetries(2);
    }

    private static void page(java.io.OutputStream out) throws IOException {
        LoopbackServer.json(out, 200, "", PAGE);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
        "127.0.0.1, loopback",
        "10.0.0.1, private",
        "172.16.0.1, private",
        "192.168.0.1, private",
        "169.254.169.254, link-local",
        "::1, loopback",
        "fe80::1, link-local",
        "fc00::1, unique-local",
        "224.0.0.1, multicast",
        "0.0.0.0, unspecified",
        "::ffff:10.0.0.1, private",
    })
    void a_url_whose_host_resolves_to_a_forbidden_address_fails_config_before_any_connection(String address,
            String kind) throws IOException {
        // Where a broken check would connect for the loopback cases; nothing may arrive.
        LoopbackServer trap = server((request, out) -> page(out));
        names.put("metadata.test", List.of(address));
        EgressPolicy policy = EgressPolicy.builder().resolver(resolver()).build();
        refusedBeforeAnySocket(policy, "metadata.test");
        CheckResult result = check(policy, config("http://metadata.test:" + trap.port() + "/latest/meta-data/"));
        assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(result.message()).startsWith("metadata.test resolves to").contains(kind)
                .contains("connectors may not reach");
        assertThat(trap.accepted()).isZero();
        // Refused once, not retried.
        assertThat(lookups.get()).isEqualTo(1);
    }

    @Test
    void a_dns_answer_that_changes_after_the_check_cannot_redirect_the_connection() throws IOException {
        // The operator allows 127.0.0.2 only; the name first answers it, then 127.0.0.1 (a rebinding attack).
        LoopbackServer allowed = server("127.0.0.2", 0, (request, out) -> page(out));
        LoopbackServer target = server("127.0.0.1", allowed.port(), (request, out) -> page(out));
        names.put("rebind.test", List.of("127.0.0.2", "127.0.0.1"));
        CheckResult result = check(EgressPolicy.builder().allow("127.0.0.2/32").resolver(resolver()).build(),
                config("http://rebind.test:" + allowed.port() + "/orders"));
        assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
        assertThat(allowed.accepted()).isEqualTo(1);
        assertThat(target.accepted()).isZero();
    }

    @Test
    void a_redirect_into_a_private_range_is_refused_and_never_followed() throws IOException {
        names.put("internal.test", List.of("10.0.0.5"));
        LoopbackServer start = server((request, out) -> LoopbackServer.json(out, 302,
                "Location: http://internal.test/admin\r\n", "{}"));
        EgressPolicy policy = EgressPolicy.builder().allow("127.0.0.1").resolver(resolver()).build();
        refusedBeforeAnySocket(policy, "internal.test");
        CheckResult result = check(policy, config("http://127.0.0.1:" + start.port() + "/orders"));
        assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(result.message()).contains("internal.test resolves to 10.0.0.5, a private address");
        assertThat(start.accepted()).isEqualTo(1);
    }

    @Test
    void a_redirect_to_a_loopback_address_that_is_not_allowed_reaches_nothing() throws IOException {
        LoopbackServer hidden = server("127.0.0.3", 0, (request, out) -> page(out));
        LoopbackServer start = server((request, out) -> LoopbackServer.json(out, 307,
                "Location: http://127.0.0.3:" + hidden.port() + "/secrets\r\n", "{}"));
        CheckResult result = check(EgressPolicy.builder().allow("127.0.0.1").build(),
                config("http://127.0.0.1:" + start.port() + "/orders"));
        assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(result.message()).contains("127.0.0.3 is a loopback address");
        assertThat(hidden.accepted()).isZero();
    }

    @Test
    void an_allowed_redirect_is_followed_and_each_hop_counted() throws IOException {
        LoopbackServer end = server((request, out) -> page(out));
        LoopbackServer start = server((request, out) -> LoopbackServer.json(out, 301,
                "Location: http://127.0.0.1:" + end.port() + "/moved\r\n", "{}"));
        CheckResult result = check(EgressPolicy.builder().allow("127.0.0.1").build(),
                config("http://127.0.0.1:" + start.port() + "/orders"));
        assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
        assertThat(end.requests()).containsExactly("GET /moved HTTP/1.1");
    }

    @Test
    void endless_redirects_stop_after_five_hops_with_config() throws IOException {
        LoopbackServer[] self = new LoopbackServer[1];
        self[0] = server((request, out) -> LoopbackServer.json(out, 302,
                "Location: http://127.0.0.1:" + self[0].port() + "/again\r\n", "{}"));
        CheckResult result = check(EgressPolicy.builder().allow("127.0.0.1").build(),
                config("http://127.0.0.1:" + self[0].port() + "/orders"));
        assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(result.message()).contains("redirected more than 5 times");
        assertThat(self[0].accepted()).isEqualTo(6);
    }

    @Test
    void a_next_page_link_into_a_private_range_fails_the_read_with_config() throws IOException {
        names.put("metadata.test", List.of("169.254.169.254"));
        LoopbackServer api = server((request, out) -> LoopbackServer.json(out, 200,
                "Link: <http://metadata.test/latest/meta-data/>; rel=\"next\"\r\n", PAGE));
        HttpJsonSourceConfig config = config("http://127.0.0.1:" + api.port() + "/orders")
                .withPagination(Pagination.LINK_HEADER, "", "");
        CollectingSink sink = new CollectingSink();
        EgressPolicy policy = EgressPolicy.builder().allow("127.0.0.1").resolver(resolver()).build();
        refusedBeforeAnySocket(policy, "metadata.test");
        try (HttpJsonSourceConnector connector = new HttpJsonSourceConnector(RetryPolicy.DEFAULT, time, time,
                () -> 0.5, policy)) {
            assertThatThrownBy(() -> connector.read(config, "records", null, sink))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.category()).isEqualTo(ConnectorException.Category.CONFIG);
                        assertThat(e.getMessage()).contains("metadata.test resolves to 169.254.169.254, a link-local");
                    });
        }
        assertThat(api.accepted()).isEqualTo(1);
    }

    @Test
    void an_oauth_token_url_in_a_private_range_is_refused() throws IOException {
        names.put("token.test", List.of("192.168.10.10"));
        LoopbackServer api = server((request, out) -> page(out));
        HttpJsonSourceConfig config = config("http://127.0.0.1:" + api.port() + "/orders")
                .withOAuth(URI.create("http://token.test/oauth/token"), "client", "secret", "refresh-1");
        EgressPolicy policy = EgressPolicy.builder().allow("127.0.0.1").resolver(resolver()).build();
        refusedBeforeAnySocket(policy, "token.test");
        CheckResult result = check(policy, config);
        assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(result.message()).contains("token.test resolves to 192.168.10.10, a private address");
        assertThat(api.accepted()).isZero();
    }

    @Test
    void the_platforms_own_port_is_refused_even_when_loopback_is_allowed() throws IOException {
        LoopbackServer platformApi = server((request, out) -> page(out));
        CheckResult result = check(EgressPolicy.builder().allow("127.0.0.0/8")
                        .platformPorts(() -> Set.of(platformApi.port())).build(),
                config("http://127.0.0.1:" + platformApi.port() + "/api/v1/tenants"));
        assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(result.message()).contains("one of the platform's own ports");
        assertThat(platformApi.accepted()).isZero();
    }

    @Test
    void an_allowed_host_name_and_an_allowed_range_let_an_internal_api_through() throws IOException {
        LoopbackServer internal = server("127.0.0.4", 0, (request, out) -> page(out));
        names.put("erp.corp.test", List.of("127.0.0.4"));
        names.put("other.test", List.of("127.0.0.4"));
        EgressPolicy byName = EgressPolicy.builder().allow("*.corp.test").resolver(resolver()).build();
        assertThat(check(byName, config("http://erp.corp.test:" + internal.port() + "/orders")).status())
                .isEqualTo(CheckResult.Status.OK);
        assertThat(check(byName, config("http://other.test:" + internal.port() + "/orders")).status())
                .isEqualTo(CheckResult.Status.CONFIG);
        EgressPolicy byRange = EgressPolicy.builder().allow("127.0.0.4/32").resolver(resolver()).build();
        assertThat(check(byRange, config("http://other.test:" + internal.port() + "/orders")).status())
                .isEqualTo(CheckResult.Status.OK);
        assertThat(internal.accepted()).isEqualTo(2);
    }

    @Test
    void the_strict_default_refuses_a_local_fake_server() throws IOException {
        LoopbackServer api = server((request, out) -> page(out));
        try (HttpJsonSourceConnector connector = new HttpJsonSourceConnector()) {
            CheckResult result = connector.check(config("http://127.0.0.1:" + api.port() + "/orders"));
            assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
        }
        assertThat(api.accepted()).isZero();
    }

    @Test
    void a_page_larger_than_the_cap_fails_config_at_once_without_retries() throws IOException {
        LoopbackServer api = server((request, out) -> LoopbackServer.json(out, 200, "",
                "{\"data\":[{\"id\":\"" + "x".repeat(4096) + "\"}]}"));
        CheckResult result = check(EgressPolicy.builder().allow("127.0.0.1").maxResponseBytes(1024).build(),
                config("http://127.0.0.1:" + api.port() + "/orders"));
        assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(result.message()).contains("is larger than 1 KiB");
        assertThat(api.accepted()).isEqualTo(1);
    }

    @Test
    void a_100_mib_page_stops_the_read_at_16_mib_and_keeps_the_heap_flat() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        LoopbackServer api = server((request, out) -> {
            // No Content-Length: chunked, so the client can only find out by reading.
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            byte[] head = ("10000\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            for (int i = 0; i < 100 * 16; i++) {
                out.write(head);
                out.write(chunk);
                out.write('\r');
                out.write('\n');
            }
            out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        });
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long started = System.nanoTime();
        CheckResult result = check(EgressPolicy.builder().allow("127.0.0.1").build(),
                config("http://127.0.0.1:" + api.port() + "/orders").withTimeoutSeconds(60));
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        System.out.printf("100 MiB page: refused after %d ms; server sent %.1f MiB; this thread allocated %.1f MiB%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), api.bytesSent() / 1048576.0,
                allocated / 1048576.0);
        assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(result.message()).contains("is larger than 16 MiB");
        assertThat(api.accepted()).isEqualTo(1);
        assertThat(api.bytesSent()).isLessThan(40L * 1024 * 1024);
        assertThat(allocated).isLessThan(64L * 1024 * 1024);
    }
}
