/**
 * The egress mechanics: the only code that opens connections for connectors. HTTP goes through
 * {@link io.tillbridge.connector.egress.EgressHttpClients} (Apache HttpClient whose DNS resolution
 * is the {@link io.tillbridge.connector.spi.EgressPolicy}), JDBC through
 * {@link io.tillbridge.connector.egress.EgressJdbc} (a pgjdbc socket factory that resolves and
 * checks each host itself and connects to the checked address). An architecture test keeps every
 * other connector package off raw sockets, the JDK HTTP client and JDBC drivers (DD-017).
 */
package io.tillbridge.connector.egress;
