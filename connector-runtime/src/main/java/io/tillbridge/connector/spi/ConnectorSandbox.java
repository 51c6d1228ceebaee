package io.tillbridge.connector.spi;

import java.net.URI;
import java.util.Map;

/**
 * A running local imitation of a connector's vendor API that ships with the product, so that a
 * merchant or a partner can connect "to the sandbox" and try everything without the vendor's
 * credentials; tests and benchmarks use the same servers. It listens on a loopback address only.
 * Providers are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.tillbridge.connector.spi.ConnectorSandbox$Provider}).
 */
public interface ConnectorSandbox extends AutoCloseable {

    /** Starts sandboxes of one connector. */
    interface Provider {

        /** The id of the connector this sandbox imitates the vendor of. */
        String connectorId();

        /**
         * Starts a sandbox on an ephemeral loopback port with data generated from {@code seed},
         * growing over time.
         */
        ConnectorSandbox start(long seed);
    }

    /** Where the sandbox's API is (loopback). */
    URI baseUrl();

    /**
     * The config values (JSON-like: strings, numbers, booleans) that point a new connection at this
     * sandbox, before any credential: typically the base URL, and the shop or merchant it names.
     */
    Map<String, Object> connectionConfig();

    /** The OAuth client id the sandbox accepts; null when the connector does not use OAuth. */
    String oauthClientId();

    /** The OAuth client secret the sandbox accepts; null when the connector does not use OAuth. */
    String oauthClientSecret();

    /**
     * Makes the sandbox grant an authorization request without a person: answers where the
     * vendor's page would redirect the browser after the merchant approved
     * ({@code redirect_uri?code=...&state=...}). Throws {@link IllegalArgumentException} for a URL
     * that is not this sandbox's authorization page or names an unknown client or redirect.
     */
    URI approve(URI authorizationUrl);

    /** Stops the server. Must not throw. */
    @Override
    void close();
}
