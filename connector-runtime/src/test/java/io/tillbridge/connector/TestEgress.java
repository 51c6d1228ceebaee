package io.tillbridge.connector;

import io.tillbridge.connector.spi.EgressPolicy;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The egress policies of tests. Fake vendor servers and test warehouses listen on loopback, which
 * the strict policy refuses: tests allow it explicitly, as an operator would allow an internal host.
 */
public final class TestEgress {

    /** Loopback allowed (127.0.0.0/8 and ::1), nothing else besides the public internet. */
    public static final EgressPolicy LOOPBACK = EgressPolicy.builder().allow("127.0.0.0/8").allow("::1").build();

    private TestEgress() {
    }

    /**
     * An address from a literal, for test resolvers: no lookup, and IPv4-mapped IPv6 forms stay IPv6
     * (the JDK would unwrap {@code ::ffff:10.0.0.1} to 10.0.0.1).
     */
    public static InetAddress address(String literal) {
        try {
            InetAddress parsed = InetAddress.getByName(literal);
            if (literal.contains(":") && parsed.getAddress().length == 4) {
                byte[] v6 = new byte[16];
                v6[10] = (byte) 0xff;
                v6[11] = (byte) 0xff;
                System.arraycopy(parsed.getAddress(), 0, v6, 12, 4);
                return Inet6Address.getByAddress(null, v6, -1);
            }
            return parsed;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
