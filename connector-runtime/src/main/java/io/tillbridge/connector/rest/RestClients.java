package io.tillbridge.connector.rest;

import io.tillbridge.connector.spi.CallGate;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.connector.spi.InProcessConnectorContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * How a REST connector makes its HTTP clients: its retry policy, waiting, time and randomness (all
 * injected so tests observe backoff instead of spending it), its vendor's error bodies, and the
 * runtime's context (egress policy, one quota gate per provider account, stored OAuth tokens).
 *
 * <p>Until the runtime hands over its context ({@link #useContext}), a context of its own applies:
 * no rate limit but the backoff of 429s, and the strict egress policy unless {@link #withEgress}
 * says otherwise (tests allow loopback for a sandbox this way). A connector keeps one instance and
 * makes new clients for every verb; each client is closed after the verb.
 */
public final class RestClients {

    /** Long enough for a TLS handshake with a vendor far away; a request's own timeout is the config's. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final RetryPolicy retries;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;
    private final JsonHttpClient.ErrorDetail errors;
    private volatile ConnectorContext context;

    /**
     * @param retries the vendor's retry policy; a config's retry count replaces its count
     * @param errors reads the vendor's error bodies into failure messages
     */
    public RestClients(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random,
            JsonHttpClient.ErrorDetail errors) {
        this.retries = Objects.requireNonNull(retries, "retries");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.context = new InProcessConnectorContext(Double.POSITIVE_INFINITY, 1, Duration.ofMinutes(10), clock,
                sleeper::sleep);
    }

    /** Makes the context of its own obey {@code egress}; returns this. No effect once the runtime's context is used. */
    public RestClients withEgress(EgressPolicy egress) {
        if (context instanceof InProcessConnectorContext own) {
            own.withEgress(egress);
        }
        return this;
    }

    /** The runtime's context, from now on. */
    public void useContext(ConnectorContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    public ConnectorContext context() {
        return context;
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * A client for one account's API calls.
     *
     * @param timeout the config's request timeout
     * @param maxRetries the config's retry count
     * @param gate the account's quota gate ({@link ConnectorContext#gate})
     * @param stopRequested polled while the gate makes a request wait
     */
    public JsonHttpClient client(Duration timeout, int maxRetries, CallGate gate, BooleanSupplier stopRequested) {
        return new JsonHttpClient(CONNECT_TIMEOUT, timeout, retries.withMaxRetries(maxRetries), sleeper, clock, random,
                gate, stopRequested, context.egress(), errors);
    }

    /** A client for an OAuth token endpoint: two retries, no quota gate, never stopped. */
    public JsonHttpClient tokenClient(Duration timeout) {
        return new JsonHttpClient(CONNECT_TIMEOUT, timeout, retries.withMaxRetries(2), sleeper, clock, random,
                CallGate.OPEN, () -> false, context.egress(), errors);
    }
}
