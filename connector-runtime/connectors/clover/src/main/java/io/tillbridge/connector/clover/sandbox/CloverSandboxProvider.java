package io.tillbridge.connector.clover.sandbox;

import io.tillbridge.connector.spi.ConnectorSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The shipped Clover sandbox, found with {@link java.util.ServiceLoader}: a {@link CloverSandbox}
 * with Clover's own limits, seeded from the seed, on a loopback port, on the system clock; every 30
 * seconds it adds the sales of the time that passed ({@link CloverSandbox#grow}). Its OAuth
 * authorize page grants at once, so {@link ConnectorSandbox#approve} only calls it and reads where
 * it redirects.
 */
public final class CloverSandboxProvider implements ConnectorSandbox.Provider {

    /** How often the running sandbox adds the sales of the time that passed. */
    private static final Duration GROW_EVERY = Duration.ofSeconds(30);

    @Override
    public String connectorId() {
        return "clover";
    }

    @Override
    public ConnectorSandbox start(long seed) {
        return new Running(CloverSandbox.start(CloverSandboxOptions.defaults().withSeed(seed)), GROW_EVERY);
    }

    /** A running sandbox as the platform sees it. */
    private static final class Running implements ConnectorSandbox {

        private final CloverSandbox clover;
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final ScheduledExecutorService growth = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clover-sandbox-growth");
            t.setDaemon(true);
            return t;
        });

        Running(CloverSandbox clover, Duration growEvery) {
            this.clover = clover;
            growth.scheduleWithFixedDelay(clover::grow, growEvery.toMillis(), growEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public URI baseUrl() {
            return clover.baseUri();
        }

        /** The base URL and the first merchant's id. */
        @Override
        public Map<String, Object> connectionConfig() {
            return Map.of("baseUrl", clover.baseUri().toString(), "merchantId", clover.merchantIds().get(0));
        }

        @Override
        public String oauthClientId() {
            return clover.options().clientId();
        }

        @Override
        public String oauthClientSecret() {
            return clover.options().clientSecret();
        }

        @Override
        public URI approve(URI authorizationUrl) {
            URI base = clover.baseUri();
            if (authorizationUrl == null || !"http".equals(authorizationUrl.getScheme())
                    || !base.getHost().equals(authorizationUrl.getHost()) || base.getPort() != authorizationUrl.getPort()
                    || !"/oauth/v2/authorize".equals(authorizationUrl.getPath())) {
                throw new IllegalArgumentException("not this sandbox's authorization page: " + authorizationUrl);
            }
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(authorizationUrl).timeout(Duration.ofSeconds(10)).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException("the sandbox did not answer: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() != 302 || location == null) {
                throw new IllegalArgumentException("the sandbox refused the authorization request (HTTP "
                        + response.statusCode() + "): " + response.body());
            }
            return URI.create(location);
        }

        @Override
        public void close() {
            growth.shutdownNow();
            clover.close();
        }
    }
}
