package io.tillbridge.connector.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scripted HTTP/1.1 server on a loopback address that counts every connection it accepts, so that
 * a test can assert that a refused destination saw nothing at all. One response per connection
 * ({@code Connection: close}).
 */
final class LoopbackServer implements AutoCloseable {

    /** Writes the whole response (status line, headers, body) for a request line. */
    @FunctionalInterface
    interface Script {
        void respond(String requestLine, OutputStream out) throws IOException;
    }

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    LoopbackServer(String address, int port, Script script) throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        threads.execute(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    accepted.incrementAndGet();
                    threads.execute(() -> serve(connection, script));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    LoopbackServer(Script script) throws IOException {
        this("127.0.0.1", 0, script);
    }

    private void serve(Socket connection, Script script) {
        try (connection) {
            String head = readHead(connection.getInputStream());
            String requestLine = head.lines().findFirst().orElse("");
            requests.add(requestLine);
            OutputStream counting = new OutputStream() {
                private final OutputStream out = connection.getOutputStream();

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    bytesSent.incrementAndGet();
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    bytesSent.addAndGet(len);
                }
            };
            script.respond(requestLine, counting);
            counting.flush();
        } catch (IOException e) {
            // The client went away (as it should after a refused page).
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A complete response with a JSON body. */
    static void json(OutputStream out, int status, String extraHeaders, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
    }

    int port() {
        return socket.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    long bytesSent() {
        return bytesSent.get();
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a listening socket.
        }
        threads.shutdownNow();
    }
}
