package io.tillbridge.connector;

import io.tillbridge.connector.spi.EgressPolicy;

/**
 * The egress policies of tests. Fake vendor servers and test warehouses listen on loopback, which
 * the strict policy refuses: tests allow it explicitly, as an operator would allow an internal host.
 */
public final class TestEgress {

    /** Loopback allowed (127.0.0.0/8 and ::1), nothing else besides the public internet. */
    public static final EgressPolicy LOOPBACK = EgressPolicy.builder().allow("127.0.0.0/8").allow("::1").build();

    private TestEgress() {
    }
}
