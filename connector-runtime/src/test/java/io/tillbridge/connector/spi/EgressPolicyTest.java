package io.tillbridge.connector.spi;

import static io.tillbridge.connector.TestEgress.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The egress policy's decisions, with a resolver that maps test names to any address (no lookups, no sockets). */
class EgressPolicyTest {

    /** Answers the test names below; every other name is unknown. */
    static EgressPolicy.Resolver resolver(Map<String, String> names) {
        return host -> {
            String address = names.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {address(address)};
        };
    }


    private static ConnectorException refusal(EgressPolicy policy, String host, int port) {
        try {
            policy.resolve(host, port);
        } catch (ConnectorException e) {
            return e;
        } catch (UnknownHostException e) {
            throw new AssertionError("unexpected unknown host", e);
        }
        throw new AssertionError(host + " was not refused");
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
        "127.0.0.1, a loopback address",
        "127.8.9.10, a loopback address",
        "10.0.0.5, a private address",
        "172.16.0.1, a private address",
        "172.31.255.254, a private address",
        "192.168.1.1, a private address",
        "169.254.169.254, a link-local address",
        "::1, a loopback address",
        "fe80::1, a link-local address",
        "fc00::1, a unique-local address",
        "fd12:3456::1, a unique-local address",
        "224.0.0.251, a multicast address",
        "ff02::1, a multicast address",
        "0.0.0.0, an unspecified address",
        "::, an unspecified address",
        "::ffff:10.0.0.1, a private address (10.0.0.1 in IPv6 form)",
        "::ffff:127.0.0.1, a loopback address (127.0.0.1 in IPv6 form)",
        "64:ff9b::a9fe:a9fe, a link-local address (169.254.169.254 in IPv6 form)",
        "2002:a00:1::1, a private address (10.0.0.1 in IPv6 form)",
        "100.64.0.1, a carrier-grade NAT address",
        "255.255.255.255, a reserved address",
    })
    void a_name_resolving_to_a_forbidden_address_is_refused_with_config_naming_host_address_and_reason(String address,
            String reason) {
        EgressPolicy policy = EgressPolicy.builder().resolver(resolver(Map.of("metadata.test", address))).build();
        ConnectorException refused = refusal(policy, "metadata.test", 80);
        assertThat(refused.category()).isEqualTo(ConnectorException.Category.CONFIG);
        assertThat(refused.getMessage()).startsWith("metadata.test resolves to ").contains(reason)
                .contains("TILLBRIDGE_EGRESS_ALLOW");
    }

    @Test
    void a_private_address_is_refused_with_a_readable_message() {
        EgressPolicy policy = EgressPolicy.builder().resolver(resolver(Map.of("api.example.test", "10.0.0.5"))).build();
        assertThat(refusal(policy, "api.example.test", 443).getMessage()).isEqualTo("api.example.test resolves to"
                + " 10.0.0.5, a private address; connectors may not reach private networks (an operator can allow it"
                + " with TILLBRIDGE_EGRESS_ALLOW)");
    }

    @Test
    void an_address_literal_is_judged_without_a_lookup() {
        EgressPolicy policy = EgressPolicy.builder().resolver(host -> {
            throw new AssertionError("looked up " + host);
        }).build();
        assertThat(refusal(policy, "[::1]", 80).getMessage()).startsWith("[::1] is a loopback address");
        assertThat(refusal(policy, "169.254.169.254", 80).getMessage()).contains("link-local");
    }

    @Test
    void a_name_with_one_forbidden_address_among_public_ones_is_refused() {
        EgressPolicy policy = EgressPolicy.builder().resolver(host -> new InetAddress[] {address("203.0.113.10"),
                address("10.0.0.5")}).build();
        assertThat(refusal(policy, "mixed.test", 443).getMessage()).contains("10.0.0.5, a private address");
    }

    @Test
    void a_public_address_is_returned_as_checked() throws UnknownHostException {
        EgressPolicy policy = EgressPolicy.builder().resolver(resolver(Map.of("api.vendor.test", "203.0.113.10")))
                .build();
        assertThat(policy.resolve("api.vendor.test", 443)).containsExactly(address("203.0.113.10"));
    }

    @Test
    void an_allowed_host_name_may_resolve_to_a_private_address() throws UnknownHostException {
        EgressPolicy policy = EgressPolicy.builder().allow("warehouse.corp.test")
                .resolver(resolver(Map.of("warehouse.corp.test", "10.20.0.7", "other.corp.test", "10.20.0.8"))).build();
        assertThat(policy.resolve("warehouse.corp.test", 5432)).containsExactly(address("10.20.0.7"));
        assertThat(refusal(policy, "other.corp.test", 5432).getMessage()).contains("private");
    }

    @Test
    void a_wildcard_allows_subdomains_only() throws UnknownHostException {
        EgressPolicy policy = EgressPolicy.builder().allow("*.corp.test").resolver(resolver(Map.of(
                "dw.corp.test", "10.1.1.1", "corp.test", "10.1.1.2", "evilcorp.test", "10.1.1.3"))).build();
        assertThat(policy.resolve("dw.corp.test", 5432)).containsExactly(address("10.1.1.1"));
        assertThat(refusal(policy, "corp.test", 5432).category()).isEqualTo(ConnectorException.Category.CONFIG);
        assertThat(refusal(policy, "evilcorp.test", 5432).category()).isEqualTo(ConnectorException.Category.CONFIG);
    }

    @Test
    void an_allowed_cidr_range_lets_its_addresses_through_and_no_others() throws UnknownHostException {
        EgressPolicy policy = EgressPolicy.builder().allowList("10.20.0.0/16, fd00:1::/32")
                .resolver(resolver(Map.of("in.test", "10.20.3.4", "out.test", "10.21.0.1", "v6.test", "fd00:1::5")))
                .build();
        assertThat(policy.resolve("in.test", 5432)).containsExactly(address("10.20.3.4"));
        assertThat(policy.resolve("v6.test", 5432)).containsExactly(address("fd00:1::5"));
        assertThat(refusal(policy, "out.test", 5432).getMessage()).contains("10.21.0.1, a private address");
    }

    @Test
    void an_allowed_endpoint_lets_one_loopback_address_and_port_through_and_nothing_else_of_loopback()
            throws UnknownHostException {
        EgressPolicy policy = EgressPolicy.builder().allowEndpoint("127.0.0.1", 40123).build();
        assertThat(policy.resolve("127.0.0.1", 40123)).containsExactly(address("127.0.0.1"));
        assertThat(policy.resolve("::ffff:127.0.0.1", 40123)).hasSize(1);
        assertThat(refusal(policy, "127.0.0.1", 40124).getMessage()).contains("a loopback address");
        assertThat(refusal(policy, "127.0.0.2", 40123).getMessage()).contains("a loopback address");
        assertThat(refusal(policy, "::1", 40123).getMessage()).contains("a loopback address");
    }

    @Test
    void an_allowed_endpoint_never_lets_the_platforms_own_ports_or_database_through() {
        EgressPolicy policy = EgressPolicy.builder().allowEndpoint("127.0.0.1", 8081).allowEndpoint("127.0.0.1", 5432)
                .platformPorts(() -> Set.of(8081)).platformDatabase("127.0.0.1", 5432).build();
        assertThat(refusal(policy, "127.0.0.1", 8081).getMessage()).contains("platform's own ports");
        assertThat(refusal(policy, "127.0.0.1", 5432).getMessage()).contains("platform's own database");
    }

    @Test
    void an_allowed_endpoint_must_be_an_address_literal_with_a_port() {
        assertThatThrownBy(() -> EgressPolicy.builder().allowEndpoint("localhost", 80))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressPolicy.builder().allowEndpoint("127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_platform_database_is_refused_even_when_its_range_is_allowed() throws UnknownHostException {
        EgressPolicy policy = EgressPolicy.builder().allow("10.0.0.0/8").platformDatabase("db.internal", 5432)
                .resolver(resolver(Map.of("db.internal", "10.0.0.7", "alias.test", "10.0.0.7"))).build();
        assertThat(refusal(policy, "alias.test", 5432).getMessage())
                .isEqualTo("alias.test resolves to 10.0.0.7, which is the platform's own database (port 5432);"
                        + " connectors may never reach it");
        assertThat(refusal(policy, "10.0.0.7", 5432).getMessage()).contains("platform's own database");
        assertThat(policy.resolve("10.0.0.7", 5433)).containsExactly(address("10.0.0.7"));
    }

    @Test
    void a_local_platform_database_is_refused_on_every_local_address_even_with_loopback_allowed() {
        EgressPolicy policy = EgressPolicy.builder().allow("127.0.0.0/8").allow("::1")
                .platformDatabase("127.0.0.1", 5432).build();
        assertThat(refusal(policy, "127.0.0.1", 5432).getMessage()).contains("platform's own database");
        assertThat(refusal(policy, "127.0.0.2", 5432).getMessage()).contains("platform's own database");
        assertThat(refusal(policy, "::1", 5432).getMessage()).contains("platform's own database");
    }

    @Test
    void the_platforms_own_ports_are_refused_on_local_addresses_even_with_loopback_allowed()
            throws UnknownHostException {
        EgressPolicy policy = EgressPolicy.builder().allow("127.0.0.0/8").platformPorts(() -> Set.of(8081, 8080))
                .build();
        assertThat(refusal(policy, "127.0.0.1", 8081).getMessage()).isEqualTo("127.0.0.1 is on this machine, and port"
                + " 8081 is one of the platform's own ports; connectors may never reach the platform itself");
        assertThat(refusal(policy, "127.0.0.5", 8080).category()).isEqualTo(ConnectorException.Category.CONFIG);
        assertThat(policy.resolve("127.0.0.1", 9000)).hasSize(1);
    }

    @Test
    void an_unresolvable_name_is_an_unknown_host_not_a_refusal() {
        EgressPolicy policy = EgressPolicy.builder().resolver(resolver(Map.of())).build();
        assertThatThrownBy(() -> policy.resolve("nowhere.test", 80)).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void an_allow_entry_that_is_neither_host_nor_range_is_rejected() {
        assertThatThrownBy(() -> EgressPolicy.builder().allow("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EgressPolicy.builder().allow("http://x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_strict_policy_allows_nothing_and_caps_pages_at_16_mib() {
        assertThat(EgressPolicy.strict().maxResponseBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(refusal(EgressPolicy.strict(), "127.0.0.1", 80).category())
                .isEqualTo(ConnectorException.Category.CONFIG);
        assertThat(List.of(ConnectorContext.standalone().egress())).containsExactly(EgressPolicy.strict());
    }
}
