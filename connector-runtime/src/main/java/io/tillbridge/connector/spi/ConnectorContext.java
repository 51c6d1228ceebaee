package io.tillbridge.connector.spi;

/**
 * What the runtime lends a connector beyond its config: request gates shared by every run of every
 * process, and the connection's OAuth2 tokens, refreshed once for all runs. Handed over through
 * {@link ContextAware}; thread-safe. And the egress policy every connection of the connector obeys.
 */
public interface ConnectorContext {

    /**
     * The gate of one provider account. Every connector instance that names the same provider and
     * account gets a gate on the same quota.
     *
     * @param provider the provider's rate class, a short lowercase name ({@code square},
     *     {@code shopify}, {@code xero}, ...); the runtime configures a rate per name
     * @param account what the provider counts requests by (merchant id, store domain, realm id,
     *     tenant id), or null to count per connection. The runtime stores only a hash of it.
     */
    CallGate gate(String provider, String account);

    /**
     * The connection's OAuth2 tokens. The runtime keeps them with the connection, so that a
     * refreshed (rotated) refresh token is never lost, and refreshes once for all runs at a time.
     *
     * @param initial the tokens in the connector's config, used when the runtime keeps none
     */
    OAuthTokenStore oauthTokens(OAuthTokens initial);

    /**
     * Where the connector may connect. The runtime's HTTP and JDBC mechanics connect only through
     * it; a connector never opens a socket of its own. The default is {@link EgressPolicy#strict()}.
     */
    default EgressPolicy egress() {
        return EgressPolicy.strict();
    }

    /**
     * The connection's files: uploads to read and output rows to write (spreadsheet connectors). The
     * default is {@link ConnectionFiles#none()}: every call fails with CONFIG.
     */
    default ConnectionFiles files() {
        return ConnectionFiles.none();
    }

    /**
     * A context that keeps everything in this instance's memory, with the strict egress policy: for
     * tests and use without a runtime.
     */
    static ConnectorContext standalone() {
        return new InProcessConnectorContext();
    }

    /** As {@link #standalone()}, with the given egress policy (tests allow loopback this way). */
    static ConnectorContext standalone(EgressPolicy egress) {
        return new InProcessConnectorContext().withEgress(egress);
    }
}
