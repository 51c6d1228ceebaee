package io.tillbridge.connections;

import io.micronaut.context.annotation.Value;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Where the calls a person waits for run: a connection check, a discovery, a mapping preview
 * (DD-018). They run on a bounded pool of {@code tillbridge.interactive.threads}, at most
 * {@code tillbridge.interactive.max-per-tenant} of one tenant at once (more answer 429), each
 * within its time limit; past it the call is interrupted (a connector waiting for its quota or an
 * HTTP response stops) and the caller gets the answer for a timeout at once, so no request thread
 * and no worker is held by a slow or hostile endpoint.
 */
@Singleton
public class InteractiveCalls {

    private final ThreadPoolExecutor pool;
    private final int maxPerTenant;
    private final Duration connectorTimeout;
    private final Duration previewTimeout;
    private final Map<TenantId, Integer> running = new ConcurrentHashMap<>();

    public InteractiveCalls(@Value("${tillbridge.interactive.threads:8}") int threads,
            @Value("${tillbridge.interactive.max-per-tenant:2}") int maxPerTenant,
            @Value("${tillbridge.interactive.connector-timeout:20s}") Duration connectorTimeout,
            @Value("${tillbridge.interactive.preview-timeout:5s}") Duration previewTimeout) {
        if (threads < 1 || maxPerTenant < 1 || connectorTimeout.isNegative() || connectorTimeout.isZero()
                || previewTimeout.isNegative() || previewTimeout.isZero()) {
            throw new IllegalArgumentException("tillbridge.interactive: threads, max-per-tenant, connector-timeout and"
                    + " preview-timeout must be positive");
        }
        AtomicInteger numbered = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads * 4), r -> {
                    Thread thread = new Thread(r, "interactive-" + numbered.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.maxPerTenant = maxPerTenant;
        this.connectorTimeout = connectorTimeout;
        this.previewTimeout = previewTimeout;
    }

    /** How long a check or discovery may take ({@code tillbridge.interactive.connector-timeout}). */
    public Duration connectorTimeout() {
        return connectorTimeout;
    }

    /** How long a mapping preview may take ({@code tillbridge.interactive.preview-timeout}). */
    public Duration previewTimeout() {
        return previewTimeout;
    }

    /**
     * Runs {@code work} for {@code tenant} within {@code timeout}; past it, interrupts the work and
     * answers {@code onTimeout}. Problems the work throws are passed on as they are.
     */
    public <T> T call(TenantId tenant, Duration timeout, Callable<T> work, Supplier<T> onTimeout) {
        if (running.merge(tenant, 1, Integer::sum) > maxPerTenant) {
            release(tenant);
            throw new ProblemException(ProblemType.RATE_LIMITED, "At most " + maxPerTenant + " checks, discoveries and"
                    + " previews of one tenant run at once; try again when one has finished.", Duration.ofSeconds(1));
        }
        try {
            Future<T> future;
            Map<String, String> logContext = MDC.getCopyOfContextMap();
            try {
                future = pool.submit(() -> {
                    // Log lines of the call carry the caller's tenant, as on the request thread.
                    if (logContext != null) {
                        MDC.setContextMap(logContext);
                    }
                    try {
                        return work.call();
                    } finally {
                        MDC.clear();
                    }
                });
            } catch (RejectedExecutionException e) {
                throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "The platform is busy with other checks,"
                        + " discoveries and previews; try again in a moment.", Duration.ofSeconds(2));
            }
            try {
                return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                return onTimeout.get();
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                return onTimeout.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            }
        } finally {
            release(tenant);
        }
    }

    private void release(TenantId tenant) {
        running.computeIfPresent(tenant, (t, n) -> n <= 1 ? null : n - 1);
    }

    /** A duration as people read it: {@code 20 s}, {@code 2 min}, {@code 500 ms}. */
    public static String readable(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + " ms";
        }
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
