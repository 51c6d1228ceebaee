package io.tillbridge.connector.sandbox;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK HTTP server of a sandbox, on the loopback interface only (never a wildcard address), served
 * by a fixed pool of daemon threads so a sandbox left open does not keep a JVM alive.
 */
public final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;

    private LoopbackServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts serving every path with {@code handler}.
     *
     * @param threadName the name of the serving threads (shown in thread dumps)
     * @param port the port, 0 for any free one
     * @param poolSize how many requests are served at once
     */
    public static LoopbackServer start(String threadName, int port, int poolSize, HttpHandler handler)
            throws IOException {
        ExecutorService threads = Executors.newFixedThreadPool(poolSize, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            threads.shutdownNow();
            throw e;
        }
        server.setExecutor(threads);
        server.createContext("/", handler);
        server.start();
        return new LoopbackServer(server, threads);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Stops listening at once and ends the serving threads. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
