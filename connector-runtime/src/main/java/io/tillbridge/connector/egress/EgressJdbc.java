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
     * Connects to a {@code jdbc:postgresql:} URL; null when the URL is not one (as
     * {@link java.sql.Driver#connect}).
     *
     * @throws ConnectorException CONFIG when the policy refuses a host the URL names
     */
    public static Connection connectPostgres(EgressPolicy policy, String url, Properties properties)
            throws SQLException {
        Properties named = Driver.parseURL(url, null);
        if (named != null) {
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
