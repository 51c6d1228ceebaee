package io.tillbridge.connector.egress;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.EgressPolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Opens PostgreSQL connections for connectors through the egress policy: the connection properties
 * name {@link EgressSocketFactory} as pgjdbc's socket factory (connection properties win over
 * nothing: the warehouse config refuses a URL that names a factory of its own), so every host the
 * URL names is resolved, checked and connected to by the policy.
 */
public final class EgressJdbc {

    private EgressJdbc() {
    }

    /**
     * Refuses the whole URL when any of its hosts is refused, before the driver connects to any: the
     * driver would otherwise move on to the next host and hide the refusal. (The socket checks each
     * host again when it connects, so a changed DNS answer is caught there.)
     */
    private static void checkEveryHost(EgressPolicy policy, Properties named) {
        String[] hosts = named.getProperty("PGHOST", "localhost").split(",");
        String[] ports = named.getProperty("PGPORT", "5432").split(",");
        for (int i = 0; i < hosts.length; i++) {
            int port;
            try {
                port = Integer.parseInt(ports[Math.min(i, ports.length - 1)].trim());
            } catch (NumberFormatException e) {
                throw new ConnectorException(ConnectorException.Category.CONFIG, "JDBC URL has an invalid port");
            }
            try {
                policy.resolve(hosts[i].trim(), port);
            } catch (java.net.UnknownHostException unknown) {
                // Left to the driver, which reports an unknown host as a connection failure.
            }
        }
    }

    /**
     * Connects to a {@code jdbc:postgresql:} URL; null when the URL is not one (as
     * {@link java.sql.Driver#connect}).
     *
     * @throws ConnectorException CONFIG when the policy refuses a host the URL names
     */
    public static Connection connectPostgres(EgressPolicy policy, String url, Properties properties)
            throws SQLException {
        Properties named = Driver.parseURL(url, null);
        if (named != null) {
            checkEveryHost(policy, named);
            for (String key : named.stringPropertyNames()) {
                String k = key.toLowerCase(java.util.Locale.ROOT);
                if (k.startsWith("socketfactory") || k.equals("sockshost") || k.startsWith("socksproxy")) {
                    throw new ConnectorException(ConnectorException.Category.CONFIG,
                            "JDBC URL parameter '" + key + "' is not allowed");
                }
            }
        }
        Properties p = new Properties();
        p.putAll(properties);
        p.setProperty(PGProperty.SOCKET_FACTORY.getName(), EgressSocketFactory.class.getName());
        p.setProperty(PGProperty.SOCKET_FACTORY_ARG.getName(), EgressSocketFactory.keyOf(policy));
        // A SOCKS proxy would make the driver skip its own resolution and reach hosts we never checked.
        p.remove("socksProxyHost");
        try {
            return new Driver().connect(url, p);
        } catch (SQLException e) {
            ConnectorException refusal = EgressRefusal.find(e);
            if (refusal != null) {
                throw refusal;
            }
            throw e;
        }
    }
}
