package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.egress.EgressHttpClients;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.EgressPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * Fetches a file from a URL into a temporary file, through the runtime's egress mechanics
 * ({@link EgressHttpClients}: the host is resolved and checked by the {@link EgressPolicy}, and the
 * connection goes to a checked address, so a private or loopback address is refused before a socket
 * opens). Redirects are followed by hand, each hop checked again, at most {@value #MAX_REDIRECTS},
 * never from https to http. The body is streamed to disk with its SHA-256 computed on the way and
 * at most {@link SpreadsheetLimits#MAX_DOWNLOAD_BYTES} of it; the whole exchange has one deadline.
 */
final class UrlDownload {

    /** Redirect hops followed (RFC 9110, 15.4: a client should detect cycles). */
    static final int MAX_REDIRECTS = 5;

    /** Long enough for a TLS handshake with a server far away. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** The longest silence between two packets of the body. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** The whole download, redirects included: 100 MiB at about 350 KiB/s, a slow but working link. */
    static final Duration DEADLINE = Duration.ofMinutes(5);

    /**
     * What was fetched. Delete {@link #file} when done ({@link #close}).
     *
     * @param file the bytes
     * @param size how many
     * @param sha256 lower-case hex SHA-256 of the bytes
     * @param name the URL's last path segment, for messages and the format by extension
     * @param complete false when the download stopped at the limit it was asked to stop at
     */
    record Downloaded(Path file, long size, String sha256, String name, boolean complete) implements AutoCloseable {
        SpreadsheetInput input() {
            return new SpreadsheetInput(name, size, () -> Files.newInputStream(file), file);
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file: the operating system's cleanup gets it.
            }
        }
    }

    private UrlDownload() {
    }

    /**
     * Downloads {@code url}.
     *
     * @param limit the most bytes to take
     * @param partialOk when the body is longer than {@code limit}: true keeps the first {@code limit}
     *     bytes (a sample), false fails CONFIG
     */
    static Downloaded fetch(EgressPolicy egress, String url, long limit, boolean partialOk) {
        URI start = URI.create(url);
        String name = name(start);
        Path file;
        try {
            file = Files.createTempFile("tillbridge-spreadsheet-", ".download");
        } catch (IOException e) {
            throw new ConnectorException(Category.SYSTEM, "no temporary file for the download: " + e.getMessage(), e);
        }
        boolean done = false;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (CloseableHttpClient http = EgressHttpClients.create(egress, CONNECT_TIMEOUT, READ_TIMEOUT)) {
            URI uri = start;
            for (int hop = 0; ; hop++) {
                HttpGet get = new HttpGet(uri);
                get.setHeader("Accept", "text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
                        + " text/plain;q=0.8, */*;q=0.5");
                AtomicBoolean timedOut = new AtomicBoolean();
                ScheduledFuture<?> abort = EgressHttpClients.abortAfter(() -> {
                    timedOut.set(true);
                    get.cancel();
                }, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                try (ClassicHttpResponse response = http.executeOpen(null, get, null)) {
                    int status = response.getCode();
                    Header location = response.getFirstHeader("Location");
                    if (status >= 300 && status < 400 && location != null) {
                        get.cancel();
                        if (hop >= MAX_REDIRECTS) {
                            throw new ConnectorException(Category.CONFIG, where(uri) + " redirected more than "
                                    + MAX_REDIRECTS + " times");
                        }
                        uri = redirect(uri, location.getValue());
                        continue;
                    }
                    if (status != 200) {
                        get.cancel();
                        throw failure(uri, status);
                    }
                    Downloaded downloaded = save(response.getEntity(), file, limit, partialOk, name, uri, get);
                    done = true;
                    return downloaded;
                } catch (IOException e) {
                    ConnectorException refused = EgressHttpClients.refusal(e);
                    if (refused != null) {
                        throw refused;
                    }
                    if (timedOut.get() || e instanceof SocketTimeoutException) {
                        throw new ConnectorException(Category.TRANSIENT, where(uri) + " did not send the file within "
                                + (timedOut.get() ? DEADLINE.toMinutes() + " minutes" : READ_TIMEOUT.toSeconds() + " seconds"
                                + " of silence"), e);
                    }
                    if (e instanceof UnknownHostException) {
                        throw new ConnectorException(Category.TRANSIENT, "the host " + uri.getHost() + " of the file URL"
                                + " is not known (no DNS answer)", e);
                    }
                    throw new ConnectorException(Category.TRANSIENT, where(uri) + " could not be reached: "
                            + e.getClass().getSimpleName(), e);
                } finally {
                    abort.cancel(false);
                }
            }
        } catch (IOException closing) {
            throw new ConnectorException(Category.TRANSIENT, "the download could not be finished: " + closing.getMessage(),
                    closing);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // A temporary file: the operating system's cleanup gets it.
                }
            }
        }
    }

    private static Downloaded save(HttpEntity entity, Path file, long limit, boolean partialOk, String name, URI uri,
            HttpGet exchange) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (entity == null) {
            return new Downloaded(file, 0, HexFormat.of().formatHex(sha256.digest()), name, true);
        }
        if (entity.getContentLength() > limit && !partialOk) {
            exchange.cancel();
            throw tooLarge(uri);
        }
        long total = 0;
        boolean complete = true;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = entity.getContent(); OutputStream out = Files.newOutputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (total + n > limit) {
                    if (!partialOk) {
                        // Cancelling closes the connection; closing the stream first would drain the rest.
                        exchange.cancel();
                        throw tooLarge(uri);
                    }
                    n = (int) (limit - total);
                    complete = false;
                }
                out.write(buffer, 0, n);
                sha256.update(buffer, 0, n);
                total += n;
                if (!complete) {
                    exchange.cancel();
                    break;
                }
            }
        }
        return new Downloaded(file, total, HexFormat.of().formatHex(sha256.digest()), name, complete);
    }

    private static URI redirect(URI from, String location) {
        URI next;
        try {
            next = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new ConnectorException(Category.CONFIG, where(from) + " redirected to an unusable address");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && "http".equalsIgnoreCase(from.getScheme()))) {
            throw new ConnectorException(Category.CONFIG, where(from) + " redirected to " + scheme
                    + (scheme.equals("http") ? " from https" : "") + "; only https (or http from http) is followed");
        }
        return next;
    }

    private static ConnectorException failure(URI uri, int status) {
        if (status == 401 || status == 403) {
            return new ConnectorException(Category.CONFIG, where(uri) + " refused access to the file (HTTP " + status
                    + "); the URL must be readable without signing in, such as a published or shared link");
        }
        if (status == 404 || status == 410) {
            return new ConnectorException(Category.CONFIG, "there is no file at " + where(uri) + " (HTTP " + status + ")");
        }
        if (status == 429 || status >= 500) {
            return new ConnectorException(Category.TRANSIENT, where(uri) + " failed (HTTP " + status + "); tried again later");
        }
        return new ConnectorException(Category.CONFIG, where(uri) + " refused the request (HTTP " + status + ")");
    }

    private static ConnectorException tooLarge(URI uri) {
        return new ConnectorException(Category.CONFIG, "the file at " + where(uri) + " is larger than "
                + SpreadsheetLimits.MAX_DOWNLOAD_BYTES / (1024 * 1024) + " MiB; split it, or upload it in parts");
    }

    private static String where(URI uri) {
        return uri.getHost() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String name(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        String decoded = URLDecoder.decode(last, StandardCharsets.UTF_8);
        return decoded.isBlank() ? "the file at " + uri.getHost() : decoded;
    }
}
