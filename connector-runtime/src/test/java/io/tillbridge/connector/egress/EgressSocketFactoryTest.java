package io.tillbridge.connector.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.EgressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The JDBC socket: resolves through the policy and connects only to what it checked. */
class EgressSocketFactoryTest {

    @Test
    void a_refused_host_leaves_the_socket_unbound_and_unconnected() throws IOException {
        EgressPolicy policy = EgressPolicy.builder()
                .resolver(host -> new InetAddress[] {InetAddress.getByName("10.0.0.1")}).build();
        // Tests talk to loopback only: the policy must refuse the name by itself before the socket sees it.
        assertThatThrownBy(() -> policy.resolve("db.test", 5432)).isInstanceOf(ConnectorException.class);
        Socket socket = new EgressSocketFactory(EgressSocketFactory.keyOf(policy)).createSocket();
        assertThatThrownBy(() -> socket.connect(InetSocketAddress.createUnresolved("db.test", 5432), 1000))
                .isInstanceOfSatisfying(EgressRefusal.class, e -> {
                    assertThat(e.refusal().category()).isEqualTo(ConnectorException.Category.CONFIG);
                    assertThat(e.getMessage()).contains("db.test resolves to 10.0.0.1, a private address");
                });
        assertThat(socket.isBound()).isFalse();
        assertThat(socket.isConnected()).isFalse();
        socket.close();
    }

    @Test
    void the_socket_ignores_what_the_driver_resolved_and_connects_to_the_checked_address() throws IOException {
        // The driver hands over 127.0.0.1 already resolved; the policy resolves the name itself.
        AtomicInteger lookups = new AtomicInteger();
        try (ServerSocket allowed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"));
             ServerSocket other = new ServerSocket(allowed.getLocalPort(), 1, InetAddress.getByName("127.0.0.1"))) {
            EgressPolicy policy = EgressPolicy.builder().allow("127.0.0.2/32").resolver(host -> {
                lookups.incrementAndGet();
                return new InetAddress[] {InetAddress.getByName("127.0.0.2")};
            }).build();
            InetSocketAddress resolvedByDriver = new InetSocketAddress(
                    InetAddress.getByAddress("wh.test", new byte[] {127, 0, 0, 1}), allowed.getLocalPort());
            try (Socket socket = new EgressSocketFactory(EgressSocketFactory.keyOf(policy)).createSocket()) {
                socket.connect(resolvedByDriver, 1000);
                assertThat(socket.getInetAddress().getHostAddress()).isEqualTo("127.0.0.2");
            }
            assertThat(lookups.get()).isEqualTo(1);
        }
    }

    @Test
    void an_unknown_key_gets_the_strict_policy() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             Socket socket = new EgressSocketFactory("forged").createSocket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", listening.getLocalPort()), 1000))
                    .isInstanceOf(EgressRefusal.class);
            assertThat(socket.isConnected()).isFalse();
        }
    }
}
