package io.tillbridge.connector.egress;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.EgressPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP clients for connectors: Apache HttpClient 5 whose every connection resolves its host through
 * the {@link EgressPolicy} and connects only to the checked addresses. Redirects are not followed
 * (callers follow them by hand, each hop through the same client and so checked again), nothing is
 * retried automatically, no cookies are kept, no system proxy is used.
 */
public final class EgressHttpClients {

    /** Aborts exchanges that outlive their deadline; one daemon thread for the process. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tillbridge-http-deadlines");
        t.setDaemon(true);
        return t;
    });

    private EgressHttpClients() {
    }

    /** A client for one connector call (a check, discover or read); close it after the call. */
    public static CloseableHttpClient create(EgressPolicy policy, Duration connectTimeout, Duration readTimeout) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new PolicyDnsResolver(policy))
                        .setMaxConnTotal(4)
                        .setMaxConnPerRoute(2)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(Timeout.of(readTimeout))
                                .build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    /**
     * Runs {@code abort} (which cancels an exchange, closing its connection so that a blocked read
     * fails) once {@code deadline} has passed; cancel the returned future when the exchange ended in
     * time.
     */
    public static ScheduledFuture<?> abortAfter(Runnable abort, Duration deadline) {
        return DEADLINES.schedule(abort, Math.max(0, deadline.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** The policy's refusal behind an I/O failure of a client made here, or null. */
    public static ConnectorException refusal(IOException failure) {
        return EgressRefusal.find(failure);
    }

    /**
     * Reads a response body as a stream, never holding more than {@code max} bytes: a larger body
     * (announced by its length or found while reading) aborts the exchange, so that the rest is
     * neither read nor drained, and fails CONFIG (not worth retrying).
     *
     * @param exchange the request, cancelled when the body is too large
     * @param where the host and path, for the message
     */
    public static byte[] readCapped(HttpEntity entity, long max, String where, Cancellable exchange)
            throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        long announced = entity.getContentLength();
        if (announced > max) {
            exchange.cancel();
            throw tooLarge(where, max);
        }
        int initial = (int) Math.min(announced > 0 ? announced : 8192, Math.min(max, 1 << 20));
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(initial, 16));
        byte[] buffer = new byte[8192];
        long total = 0;
        InputStream in = entity.getContent();
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
            if (total > max) {
                // Cancelling closes the connection; closing the stream first would drain the rest.
                exchange.cancel();
                throw tooLarge(where, max);
            }
            body.write(buffer, 0, n);
        }
        in.close();
        return body.toByteArray();
    }

    private static ConnectorException tooLarge(String where, long max) {
        return new ConnectorException(ConnectorException.Category.CONFIG, "the page from " + where
                + " is larger than " + size(max) + "; ask for smaller pages (a page-size parameter), or an operator"
                + " can raise tillbridge.egress.max-response-bytes");
    }

    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }
}
