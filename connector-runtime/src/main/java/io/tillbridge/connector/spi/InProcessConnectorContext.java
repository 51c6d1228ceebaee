package io.tillbridge.connector.spi;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ConnectorContext} in this instance's memory: one {@link InProcessCallGate} per
 * (provider, account), all at one rate; OAuth2 tokens kept here and refreshed once at a time.
 * Share one instance between connector instances to share their quotas and tokens. Connections obey
 * the strict {@link EgressPolicy} unless {@link #withEgress} says otherwise.
 */
public final class InProcessConnectorContext implements ConnectorContext {

    private final double perSecond;
    private final int burst;
    private final Duration maxWait;
    private final Clock clock;
    private final InProcessCallGate.Pause pause;
    private final Map<String, CallGate> gates = new ConcurrentHashMap<>();
    private InProcessTokens tokens;
    private volatile EgressPolicy egress = EgressPolicy.strict();
    private volatile ConnectionFiles files = ConnectionFiles.none();

    /** No rate limit, only the back-off of 429s. */
    public InProcessConnectorContext() {
        this(Double.POSITIVE_INFINITY, 1, Duration.ofMinutes(10));
    }

    /** Every gate at {@code perSecond} permits a second, {@code burst} at once. */
    public InProcessConnectorContext(double perSecond, int burst, Duration maxWait) {
        this(perSecond, burst, maxWait, Clock.systemUTC(), InProcessCallGate.Pause.REAL);
    }

    /** With the time injected, for tests that spend no real time. */
    public InProcessConnectorContext(double perSecond, int burst, Duration maxWait, Clock clock,
            InProcessCallGate.Pause pause) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.maxWait = maxWait;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * Makes connectors of this context obey {@code policy} (the default is {@link
     * EgressPolicy#strict()}); returns this context.
     */
    public InProcessConnectorContext withEgress(EgressPolicy policy) {
        this.egress = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /** Lends connectors of this context these files (the default has none); returns this context. */
    public InProcessConnectorContext withFiles(ConnectionFiles files) {
        this.files = Objects.requireNonNull(files, "files");
        return this;
    }

    @Override
    public ConnectionFiles files() {
        return files;
    }

    @Override
    public EgressPolicy egress() {
        return egress;
    }

    @Override
    public CallGate gate(String provider, String account) {
        return gates.computeIfAbsent(provider + "\u0000" + account,
                key -> new InProcessCallGate(perSecond, burst, maxWait, clock, pause));
    }

    /** The first call's initial tokens are kept; later calls get the same store. */
    @Override
    public synchronized OAuthTokenStore oauthTokens(OAuthTokens initial) {
        if (tokens == null) {
            tokens = new InProcessTokens(Objects.requireNonNull(initial, "initial"));
        }
        return tokens;
    }

    /** Tokens in memory; a refresh holds the lock, so concurrent callers wait for and reuse it. */
    private static final class InProcessTokens implements OAuthTokenStore {

        private OAuthTokens current;

        InProcessTokens(OAuthTokens initial) {
            this.current = initial;
        }

        @Override
        public synchronized OAuthTokens current() {
            return current;
        }

        @Override
        public synchronized OAuthTokens refresh(String staleAccessToken, TokenExchange exchange) {
            if (current.accessToken() != null && !current.accessToken().equals(staleAccessToken)) {
                return current;
            }
            OAuthTokens fresh = exchange.exchange(current.refreshToken());
            current = new OAuthTokens(fresh.accessToken(),
                    fresh.refreshToken() == null ? current.refreshToken() : fresh.refreshToken(), fresh.expiresAt());
            return current;
        }
    }
}
