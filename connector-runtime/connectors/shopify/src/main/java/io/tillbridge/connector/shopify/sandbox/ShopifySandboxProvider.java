package io.tillbridge.connector.shopify.sandbox;

import io.tillbridge.connector.spi.ConnectorSandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ships the Shopify sandbox with the product, for the {@code shopify} connector: one shop seeded from the seed, on an ephemeral loopback
 * port. The sandbox's clock starts at the start and is moved along with real time every second, so
 * that its data grows (new sales, refunds, late offline sales, with their webhooks) and its leaky
 * bucket leaks as time passes. {@link ConnectorSandbox#approve} asks the sandbox's authorization page,
 * which approves at once, and answers the redirect it gives.
 */
public final class ShopifySandboxProvider implements ConnectorSandbox.Provider {

    @Override
    public String connectorId() {
        return "shopify";
    }

    @Override
    public ConnectorSandbox start(long seed) {
        return new Running(seed);
    }

    /** A started sandbox and the ticker that moves its clock. */
    private static final class Running implements ConnectorSandbox {

        private final ShopifySandbox sandbox;
        private final ScheduledExecutorService ticker;
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private long last = System.nanoTime();

        Running(long seed) {
            Instant start = Instant.now();
            this.sandbox = ShopifySandbox.start(ShopifySandboxOptions.defaults().withSeed(seed)
                    .withClock(Clock.fixed(start, ZoneOffset.UTC)));
            this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "shopify-sandbox-clock");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }

        private synchronized void tick() {
            long now = System.nanoTime();
            Duration elapsed = Duration.ofNanos(now - last);
            last = now;
            try {
                sandbox.advance(elapsed);
            } catch (RuntimeException e) {
                // A failed step leaves the data as it was; the next tick tries again.
            }
        }

        @Override
        public URI baseUrl() {
            return sandbox.baseUri();
        }

        @Override
        public Map<String, Object> connectionConfig() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("baseUrl", sandbox.baseUri().toString());
            config.put("shop", sandbox.shop().domain());
            config.put("apiVersion", sandbox.options().apiVersion());
            return config;
        }

        @Override
        public String oauthClientId() {
            return sandbox.options().clientId();
        }

        @Override
        public String oauthClientSecret() {
            return sandbox.options().clientSecret();
        }

        @Override
        public URI approve(URI authorizationUrl) {
            Objects.requireNonNull(authorizationUrl, "authorizationUrl");
            URI base = sandbox.baseUri();
            boolean ours = "http".equals(authorizationUrl.getScheme()) && base.getHost().equals(authorizationUrl.getHost())
                    && base.getPort() == authorizationUrl.getPort() && authorizationUrl.getRawPath() != null
                    && authorizationUrl.getRawPath().endsWith(".myshopify.com/admin/oauth/authorize");
            if (!ours) {
                throw new IllegalArgumentException("not this sandbox's authorization page: " + authorizationUrl);
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(authorizationUrl).GET()
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                String location = answer.headers().firstValue("Location").orElse(null);
                if (answer.statusCode() / 100 != 3 || location == null) {
                    throw new IllegalArgumentException("the sandbox refused the authorization request (HTTP "
                            + answer.statusCode() + "): " + clip(answer.body()));
                }
                return URI.create(location);
            } catch (IOException e) {
                throw new IllegalStateException("the sandbox could not be reached", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while asking the sandbox", e);
            }
        }

        private static String clip(String text) {
            return text == null ? "" : text.length() > 200 ? text.substring(0, 200) : text;
        }

        @Override
        public void close() {
            ticker.shutdownNow();
            sandbox.close();
        }
    }
}
