package io.tillbridge.connector.rest;

import io.tillbridge.connector.egress.EgressHttpClients;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/**
 * Sends one request and reads its body within one deadline, the body as a stream of at most the
 * policy's page size. A server that sends headers and then stalls the body would otherwise hold the
 * call as long as it keeps trickling bytes; here the exchange is aborted once the deadline has
 * passed, which closes the connection.
 */
final class TimedExchange {

    /** A response: status, headers, and the body when it was read (else empty). */
    record Result(int status, HttpHeaders headers, byte[] body) {
    }

    private TimedExchange() {
    }

    /**
     * @param readBody which statuses' bodies to read; for the others the exchange is aborted after
     *     the headers, so that an unwanted body is never drained
     * @param where host and path, for messages
     * @throws SocketTimeoutException when the deadline passed first
     */
    static Result send(CloseableHttpClient http, HttpUriRequestBase request, Duration deadline, IntPredicate readBody,
            long maxBody, String where) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> abort = EgressHttpClients.abortAfter(() -> {
            timedOut.set(true);
            request.cancel();
        }, deadline);
        try {
            ClassicHttpResponse response = http.executeOpen(null, request, null);
            boolean read = readBody.test(response.getCode());
            try {
                byte[] body = read ? EgressHttpClients.readCapped(response.getEntity(), maxBody, where, request)
                        : new byte[0];
                return new Result(response.getCode(), headers(response.getHeaders()), body);
            } finally {
                if (!read) {
                    // Closing would drain the body to reuse the connection; aborting closes it instead.
                    request.cancel();
                }
                try {
                    response.close();
                } catch (IOException ignored) {
                    // Closing an aborted exchange: what mattered was read above.
                }
            }
        } catch (IOException e) {
            if (timedOut.get()) {
                throw new SocketTimeoutException("no complete response within " + deadline);
            }
            throw e;
        } finally {
            abort.cancel(false);
        }
    }

    private static HttpHeaders headers(Header[] headers) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : headers) {
            map.computeIfAbsent(header.getName(), k -> new ArrayList<>()).add(header.getValue());
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }
}
