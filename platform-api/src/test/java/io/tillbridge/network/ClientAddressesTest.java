package io.tillbridge.network;

import io.tillbridge.connector.spi.AddressRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses behindProxies = new ClientAddresses("10.0.0.0/8, 192.168.1.7/32 fd00::/8");
    private final ClientAddresses direct = new ClientAddresses("");

    @Test
    void without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() throws Exception {
        assertThat(direct.resolve(ip("203.0.113.9"), List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void a_forwarded_header_from_an_untrusted_peer_is_ignored() throws Exception {
        assertThat(behindProxies.resolve(ip("203.0.113.9"), List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void behind_a_trusted_proxy_the_right_most_untrusted_address_is_the_client() throws Exception {
        String client = behindProxies.resolve(ip("10.1.2.3"), List.of("198.51.100.1, 203.0.113.5, 10.9.9.9"));

        assertThat(client).as("the left-most entry was written by the client and is not believed").isEqualTo("203.0.113.5");
    }

    @Test
    void several_forwarded_headers_are_read_as_one_list_in_order() throws Exception {
        assertThat(behindProxies.resolve(ip("192.168.1.7"), List.of("198.51.100.1", "203.0.113.5"))).isEqualTo("203.0.113.5");
    }

    @Test
    void a_trusted_proxy_without_a_forwarded_header_is_itself_the_client() throws Exception {
        assertThat(behindProxies.resolve(ip("10.1.2.3"), List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void an_entry_that_is_not_an_address_ends_the_walk_at_the_last_good_address() throws Exception {
        assertThat(behindProxies.resolve(ip("10.1.2.3"), List.of("203.0.113.5, evil.example.test, 10.2.2.2")))
                .isEqualTo("10.2.2.2");
    }

    @Test
    void ipv6_ranges_and_addresses_are_understood() throws Exception {
        assertThat(behindProxies.resolve(ip("fd00::1"), List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(behindProxies.resolve(ip("fd00::1"), List.of("[2001:db8::7]:4431"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void forwarded_https_counts_only_from_a_trusted_proxy() throws Exception {
        assertThat(behindProxies.secure(ip("10.1.2.3"), false, "https")).isTrue();
        assertThat(behindProxies.secure(ip("203.0.113.9"), false, "https")).isFalse();
        assertThat(direct.secure(ip("127.0.0.1"), true, null)).isTrue();
    }

    @Test
    void a_range_that_is_not_cidr_fails_at_start_up() {
        assertThatThrownBy(() -> new ClientAddresses("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddresses("proxy.internal")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proxy.internal");
    }

    @Test
    void a_prefix_that_is_not_a_whole_byte_matches_only_its_bits() throws Exception {
        AddressRange range = AddressRange.parse("172.16.0.0/12");

        assertThat(range.contains(ip("172.31.255.255"))).isTrue();
        assertThat(range.contains(ip("172.32.0.1"))).isFalse();
        assertThat(range.contains(ip("::1"))).isFalse();
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
