package io.tillbridge.connector.square.sandbox;

import io.tillbridge.connector.spi.ConnectorSandbox;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Square sandbox as the platform starts it for "sandbox" connections, found through
 * {@link java.util.ServiceLoader}: Square's default limits, the seed's merchant, and a clock that
 * starts at the wall clock's now and moves on with it, a minute at a time, so that new sales arrive
 * while the sandbox runs ({@link SquareSandbox#advance}).
 */
public final class SquareSandboxProvider implements ConnectorSandbox.Provider {

    /** How often the running sandbox's clock catches up with the wall clock. */
    static final Duration TICK = Duration.ofMinutes(1);

    @Override
    public String connectorId() {
        return "square";
    }

    @Override
    public ConnectorSandbox start(long seed) {
        Instant now = Instant.now();
        SquareSandbox square = SquareSandbox.start(SquareSandboxOptions.defaults().withSeed(seed)
                .withClock(Clock.fixed(now, ZoneOffset.UTC)));
        return new Running(square);
    }

    /** One started sandbox and the timer that grows its data. */
    private static final class Running implements ConnectorSandbox {

        private final SquareSandbox square;
        private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "square-sandbox-clock");
            t.setDaemon(true);
            return t;
        });

        Running(SquareSandbox square) {
            this.square = square;
            ticks.scheduleAtFixedRate(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void tick() {
            try {
                square.advance(TICK);
            } catch (RuntimeException e) {
                // A failed tick must not end the timer: the next one tries again.
            }
        }

        @Override
        public URI baseUrl() {
            return square.baseUri();
        }

        @Override
        public Map<String, Object> connectionConfig() {
            return Map.of("baseUrl", square.baseUri().toString());
        }

        @Override
        public String oauthClientId() {
            return square.options().clientId();
        }

        @Override
        public String oauthClientSecret() {
            return square.options().clientSecret();
        }

        @Override
        public URI approve(URI authorizationUrl) {
            return square.approve(authorizationUrl);
        }

        @Override
        public void close() {
            ticks.shutdownNow();
            square.close();
        }
    }
}
