package io.tillbridge.connector.quickbooks.sandbox;

import io.tillbridge.connector.spi.ConnectorSandbox;
import java.net.URI;
import java.util.Map;

/**
 * The QuickBooks sandbox as the platform starts it for "sandbox" connections, found through
 * {@link java.util.ServiceLoader}: Intuit's published limits, the seed's company, the system clock.
 * Its consent page grants at once, so {@link ConnectorSandbox#approve} reads where it redirects.
 */
public final class QuickBooksSandboxProvider implements ConnectorSandbox.Provider {

    @Override
    public String connectorId() {
        return "quickbooks";
    }

    @Override
    public ConnectorSandbox start(long seed) {
        return new Running(QuickBooksSandbox.start(QuickBooksSandboxOptions.defaults().withSeed(seed)));
    }

    private record Running(QuickBooksSandbox quickbooks) implements ConnectorSandbox {

        @Override
        public URI baseUrl() {
            return quickbooks.baseUri();
        }

        /** The API URL, the token endpoint (the sandbox serves both) and the company's realm id. */
        @Override
        public Map<String, Object> connectionConfig() {
            return Map.of("baseUrl", quickbooks.baseUri().toString(),
                    "oauthEndpointUrl", quickbooks.baseUri().resolve(SandboxOAuth.TOKEN_PATH).toString(),
                    "realmId", quickbooks.realmId());
        }

        @Override
        public String oauthClientId() {
            return quickbooks.options().clientId();
        }

        @Override
        public String oauthClientSecret() {
            return quickbooks.options().clientSecret();
        }

        @Override
        public URI approve(URI authorizationUrl) {
            return quickbooks.approve(authorizationUrl);
        }

        @Override
        public void close() {
            quickbooks.close();
        }
    }
}
