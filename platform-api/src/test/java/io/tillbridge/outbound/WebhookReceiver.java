package io.tillbridge.outbound;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook endpoint on 127.0.0.1 that records every request (headers and body) and answers from a
 * script: a status per request, or a hang longer than the sender's read timeout; 204 once the
 * script is spent.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(String id, String timestamp, String signature, String contentType, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    /** Released when the receiver closes, so that a hanging answer ends. */
    private final CountDownLatch closing = new CountDownLatch(1);

    /** A scripted answer that hangs until the sender gives up (its read timeout). */
    static final int HANG = -1;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            receiver.received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8)));
            Integer status;
            synchronized (receiver.script) {
                status = receiver.script.poll();
            }
            if (status != null && status == HANG) {
                try {
                    receiver.closing.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            int code = status == null ? 204 : status;
            byte[] answer = code == 204 ? new byte[0] : ("answer " + code + " " + "x".repeat(3000))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, code == 204 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                } catch (IOException ignored) {
                    // the sender read only an excerpt and closed the connection
                }
            }
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return receiver;
    }

    /** Scripts the next answers (a status each, or {@link #HANG}). */
    WebhookReceiver answer(Integer... statuses) {
        synchronized (script) {
            script.addAll(List.of(statuses));
        }
        return this;
    }

    void reset() {
        synchronized (script) {
            script.clear();
        }
        received.clear();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
