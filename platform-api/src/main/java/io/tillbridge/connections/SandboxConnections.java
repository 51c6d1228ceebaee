package io.tillbridge.connections;

import io.micronaut.context.annotation.Value;
import io.tillbridge.connector.spi.ConnectorSandbox;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vendor sandboxes that ship with the platform ({@link ConnectorSandbox.Provider}s found with
 * {@link ServiceLoader}), run for sandbox connections (DD-029): one sandbox per connector and
 * tenant, started on first use with a seed derived from both (so that it starts again with the same
 * data after a restart), at most {@code tillbridge.sandbox.max-running} at once (the least recently
 * used one is stopped to make room), and stopped after {@code tillbridge.sandbox.idle-timeout}
 * without use.
 *
 * <p>A sandbox connection is {@linkplain #adopt adopted} by the running sandbox that issued its
 * config; only then does its {@link #egress egress policy} let exactly that sandbox's loopback
 * address and port through, on top of the platform's policy. A connection whose sandbox has stopped
 * gets the platform's policy (loopback refused) until it is adopted again. Thread-safe.
 */
@Singleton
public class SandboxConnections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConnections.class);

    /** A connector's sandbox of one tenant. */
    private record Key(TenantId tenant, String connectorId) {
    }

    /** A connection of a tenant. */
    private record ConnectionKey(TenantId tenant, UUID connectionId) {
    }

    /** A started sandbox: where it is, the policy its connections get, and when it was last used. */
    public static final class Running {

        private final ConnectorSandbox sandbox;
        private final EgressPolicy egress;
        private volatile Instant lastUsed;
        private volatile boolean stopped;

        private Running(ConnectorSandbox sandbox, EgressPolicy egress, Instant started) {
            this.sandbox = sandbox;
            this.egress = egress;
            this.lastUsed = started;
        }

        /** The sandbox itself: its config, its OAuth client, its approval. */
        public ConnectorSandbox sandbox() {
            return sandbox;
        }

        /** The platform's policy plus this sandbox's loopback address and port, and nothing else of loopback. */
        public EgressPolicy egress() {
            return egress;
        }

        /** Whether it has been stopped (idle, evicted or shut down). */
        public boolean stopped() {
            return stopped;
        }
    }

    private final Map<String, ConnectorSandbox.Provider> providers = new LinkedHashMap<>();
    private final PlatformEgress platformEgress;
    private final Clock clock;
    private final int maxRunning;
    private final Duration idleTimeout;
    /** Access-ordered: the first entry is the least recently used. Guarded by {@code this}. */
    private final LinkedHashMap<Key, Running> running = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<ConnectionKey, Running> adopted = new ConcurrentHashMap<>();
    private final ScheduledExecutorService idleCheck = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-idle-check");
        t.setDaemon(true);
        return t;
    });

    public SandboxConnections(PlatformEgress platformEgress, Clock clock,
            @Value("${tillbridge.sandbox.max-running:8}") int maxRunning,
            @Value("${tillbridge.sandbox.idle-timeout:30m}") Duration idleTimeout) {
        if (maxRunning < 1) {
            throw new IllegalArgumentException("tillbridge.sandbox.max-running must be at least 1");
        }
        this.platformEgress = platformEgress;
        this.clock = clock;
        this.maxRunning = maxRunning;
        this.idleTimeout = idleTimeout;
        for (ConnectorSandbox.Provider provider : ServiceLoader.load(ConnectorSandbox.Provider.class)) {
            providers.putIfAbsent(provider.connectorId(), provider);
        }
        long every = Math.max(1_000, Math.min(60_000, idleTimeout.toMillis() / 2));
        idleCheck.scheduleWithFixedDelay(this::stopIdle, every, every, TimeUnit.MILLISECONDS);
        if (!providers.isEmpty()) {
            LOG.info("Vendor sandboxes available for: {}", providers.keySet());
        }
    }

    /** The connectors that ship a sandbox. */
    public Set<String> connectorIds() {
        return new TreeSet<>(providers.keySet());
    }

    /** Whether {@code connectorId} ships a sandbox. */
    public boolean offers(String connectorId) {
        return providers.containsKey(connectorId);
    }

    /**
     * The tenant's running sandbox of the connector, started now if none runs (with the same seed
     * as every earlier start for this tenant and connector). Marks it used.
     *
     * @throws ProblemException 400 validation-failed when the connector ships no sandbox
     */
    public Running running(TenantId tenant, String connectorId) {
        ConnectorSandbox.Provider provider = providers.get(connectorId);
        if (provider == null) {
            throw ConnectorConfigs.invalid(List.of(new io.tillbridge.problems.Problem.FieldError("sandbox",
                    "connector " + connectorId + " ships no sandbox; sandboxes exist for " + connectorIds())));
        }
        Key key = new Key(tenant, connectorId);
        List<Running> evicted = new ArrayList<>();
        Running result;
        synchronized (this) {
            result = running.get(key);
            if (result == null) {
                while (running.size() >= maxRunning) {
                    Map.Entry<Key, Running> eldest = running.entrySet().iterator().next();
                    running.remove(eldest.getKey());
                    evicted.add(eldest.getValue());
                    LOG.info("Sandbox of {} for tenant {} stopped to make room (at most {} run)",
                            eldest.getKey().connectorId(), eldest.getKey().tenant(), maxRunning);
                }
                result = start(provider, key);
                running.put(key, result);
            }
            result.lastUsed = clock.instant();
        }
        evicted.forEach(this::stop);
        return result;
    }

    /** Records that {@code sandbox} issued the connection's config: its egress now reaches that sandbox. */
    public void adopt(Running sandbox, TenantId tenant, UUID connectionId) {
        adopted.put(new ConnectionKey(tenant, connectionId), sandbox);
    }

    /**
     * Whether the connection's config was issued by the sandbox running now for its tenant and
     * connector, and still points at it ({@code plainConfig} holds the sandbox's own fields); false
     * when none runs, it was started again since, or another process re-pointed the connection at
     * its own sandbox.
     */
    public boolean adoptedByRunning(TenantId tenant, UUID connectionId, Map<String, Object> plainConfig) {
        Running sandbox = adopted.get(new ConnectionKey(tenant, connectionId));
        return sandbox != null && !sandbox.stopped && sandbox.sandbox.connectionConfig().entrySet().stream()
                // Compared as text: a stored number or URL may come back as another Java type.
                .allMatch(e -> plainConfig.containsKey(e.getKey())
                        && String.valueOf(plainConfig.get(e.getKey())).equals(String.valueOf(e.getValue())));
    }

    /**
     * The egress policy of a connection adopted by a running sandbox (and marks the sandbox used);
     * empty for every other connection, which then gets the platform's policy.
     */
    public Optional<EgressPolicy> egress(TenantId tenant, UUID connectionId) {
        Running sandbox = adopted.get(new ConnectionKey(tenant, connectionId));
        if (sandbox == null || sandbox.stopped) {
            return Optional.empty();
        }
        sandbox.lastUsed = clock.instant();
        return Optional.of(sandbox.egress);
    }

    /** Forgets a deleted connection. */
    public void forget(TenantId tenant, UUID connectionId) {
        adopted.remove(new ConnectionKey(tenant, connectionId));
    }

    /** How many sandboxes run now. */
    public synchronized int runningCount() {
        return running.size();
    }

    /** Stops every sandbox unused for the idle timeout; their connections start them again on next use. */
    public void stopIdle() {
        Instant before = clock.instant().minus(idleTimeout);
        List<Running> idle = new ArrayList<>();
        synchronized (this) {
            running.entrySet().removeIf(e -> {
                if (e.getValue().lastUsed.isBefore(before)) {
                    idle.add(e.getValue());
                    LOG.info("Sandbox of {} for tenant {} stopped after {} unused", e.getKey().connectorId(),
                            e.getKey().tenant(), idleTimeout);
                    return true;
                }
                return false;
            });
        }
        idle.forEach(this::stop);
    }

    /** Stops every sandbox; the next use starts them again (tests use it to stand for a restart). */
    @Override
    public void close() {
        List<Running> all;
        synchronized (this) {
            all = new ArrayList<>(running.values());
            running.clear();
        }
        all.forEach(this::stop);
    }

    /** At the end of the process: the idle check, then every sandbox. */
    @PreDestroy
    void shutdown() {
        idleCheck.shutdownNow();
        close();
    }

    private Running start(ConnectorSandbox.Provider provider, Key key) {
        ConnectorSandbox sandbox = provider.start(seed(key.tenant(), key.connectorId()));
        try {
            URI base = sandbox.baseUrl();
            String host = base.getHost() == null ? "" : base.getHost().replace("[", "").replace("]", "");
            if (!isLoopbackLiteral(host) || base.getPort() < 1) {
                throw new IllegalStateException("the " + key.connectorId() + " sandbox listens on " + base
                        + ", not on a loopback address and port");
            }
            EgressPolicy egress = platformEgress.policy().toBuilder().allowEndpoint(host, base.getPort()).build();
            LOG.info("Sandbox of {} for tenant {} started at {}", key.connectorId(), key.tenant(), base);
            return new Running(sandbox, egress, clock.instant());
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    private void stop(Running sandbox) {
        sandbox.stopped = true;
        adopted.values().removeIf(r -> r == sandbox);
        sandbox.sandbox.close();
    }

    private static boolean isLoopbackLiteral(String host) {
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            // An IP literal: parsed without a lookup.
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The seed of a tenant's sandbox of a connector: the first eight bytes of
     * SHA-256({@code tenant/connector}), the same at every start, different between tenants.
     */
    static long seed(TenantId tenant, String connectorId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((tenant + "/" + connectorId).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
