package io.tillbridge.outbound;

import io.tillbridge.connector.egress.EgressHttpClients;
import io.tillbridge.connector.spi.ConnectorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * One POST of a delivery through an egress-checked client: the address is checked by the egress
 * policy before a socket opens, redirects are not followed, the exchange is aborted at its deadline,
 * and at most {@code excerptBytes} of the answer are read (the rest is neither read nor drained).
 */
final class WebhookPost {

    /**
     * What came of one attempt.
     *
     * @param status the HTTP status, or null when no answer came
     * @param error why it failed without an answer, or null
     */
    record Answer(Integer status, String error, long durationMs, String excerpt) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }

        String failure() {
            return error != null ? error : "HTTP " + status;
        }
    }

    private WebhookPost() {
    }

    static Answer send(CloseableHttpClient client, String url, Map<String, String> headers, String body,
            int excerptBytes, Duration deadline) {
        long started = System.nanoTime();
        HttpPost post;
        try {
            post = new HttpPost(url);
        } catch (IllegalArgumentException e) {
            return new Answer(null, "the URL is not usable", 0, null);
        }
        headers.forEach(post::setHeader);
        post.setHeader("User-Agent", "Tillbridge-Webhooks/1");
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        ScheduledFuture<?> abort = EgressHttpClients.abortAfter(post::cancel, deadline);
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            int status = response.getCode();
            String excerpt = excerpt(response, excerptBytes, post);
            return new Answer(status, null, millis(started), excerpt);
        } catch (IOException e) {
            ConnectorException refused = EgressHttpClients.refusal(e);
            String error;
            if (refused != null) {
                error = "refused by the egress policy: " + refused.getMessage();
            } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException || post.isCancelled()) {
                error = "timed out after " + millis(started) + " ms";
            } else {
                error = "connection failed: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " (" + bounded(e.getMessage(), 300) + ")");
            }
            return new Answer(null, error, millis(started), null);
        } finally {
            abort.cancel(false);
        }
    }

    private static String excerpt(ClassicHttpResponse response, int max, HttpPost post) throws IOException {
        if (response.getEntity() == null || max == 0) {
            if (response.getEntity() != null) {
                post.cancel();
            }
            return null;
        }
        byte[] buffer = new byte[max + 1];
        int read = 0;
        try (InputStream in = response.getEntity().getContent()) {
            for (int n; read < buffer.length && (n = in.read(buffer, read, buffer.length - read)) >= 0; ) {
                read += n;
            }
            if (read > max) {
                // Cancelling closes the connection; closing the stream first would drain the rest.
                post.cancel();
            }
        } catch (IOException e) {
            if (read == 0) {
                throw e;
            }
        }
        return new String(buffer, 0, Math.min(read, max), StandardCharsets.UTF_8).replace('\u0000', ' ');
    }

    static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
