package io.tillbridge.connector.xero.sandbox;

import io.tillbridge.connector.spi.ConnectorSandbox;
import java.net.URI;
import java.util.Map;

/**
 * The Xero sandbox as the platform starts it for "sandbox" connections, found through
 * {@link java.util.ServiceLoader}: Xero's default limits and the seed's organisation.
 */
public final class XeroSandboxProvider implements ConnectorSandbox.Provider {

    @Override
    public String connectorId() {
        return "xero";
    }

    @Override
    public ConnectorSandbox start(long seed) {
        return new Running(XeroSandbox.start(XeroSandboxOptions.defaults().withSeed(seed)));
    }

    /** One started sandbox. */
    private record Running(XeroSandbox xero) implements ConnectorSandbox {

        @Override
        public URI baseUrl() {
            return xero.baseUri();
        }

        @Override
        public Map<String, Object> connectionConfig() {
            return Map.of("baseUrl", xero.baseUri().toString(), "tenantId", xero.tenantId());
        }

        @Override
        public String oauthClientId() {
            return xero.options().clientId();
        }

        @Override
        public String oauthClientSecret() {
            return xero.options().clientSecret();
        }

        @Override
        public URI approve(URI authorizationUrl) {
            return xero.approve(authorizationUrl);
        }

        @Override
        public void close() {
            xero.close();
        }
    }
}
