package io.tillbridge.files;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * 100 MiB uploads, generated as they are sent (chunked, no declared length), as the raw body and as
 * a multipart form, through HTTP to the platform's API in a process of its own whose heap is
 * {@value #HEAP}: were the body, or the file,
 * held in memory anywhere on its way, that process would run out of heap and answer no 201. The
 * digest it answers must be that of the bytes sent.
 */
@MicronautTest(transactional = false)
class LargeUploadIT extends TestDatabaseProperties {

    static final String HEAP = "-Xmx96m";
    static final long SIZE = 100L * 1024 * 1024;

    @Inject
    ApiClient api;

    @Inject
    JsonMapper json;

    private Process server;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.files.upload-connectors", "test-upload-source");
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void hundred_mebibyte_uploads_stream_through_a_small_heap_with_their_exact_digest() throws Exception {
        UUID tenant = newTenant("Large Upload Bakery");
        User owner = newMember(tenant, TenantRole.OWNER);
        String connection = ConnectionFilesIT.source(tenant, owner, api);
        URI base = start();

        Generated body = new Generated(SIZE, 42);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(Uploads.files(tenant, connection) + "?name=large.bin"))
                .timeout(Duration.ofMinutes(3))
                .header("Authorization", "Bearer " + api.token(owner))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        long started = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> file = json.readValue(response.body(), Map.class);
        assertThat(((Number) file.get("size")).longValue()).isEqualTo(SIZE);
        assertThat(file.get("sha256")).isEqualTo(body.digest());
        System.out.println("LargeUploadIT: " + SIZE + " bytes uploaded through a " + HEAP + " API process in "
                + millis + " ms");

        delete(base, tenant, connection, owner, file.get("id"));

        // The same through a multipart form, whose decoder sits between the connection and the upload.
        Generated part = new Generated(SIZE, 43);
        String boundary = "----tillbridge-large";
        InputStream form = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                new java.io.ByteArrayInputStream(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\";"
                        + " filename=\"large-form.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8)),
                part,
                new java.io.ByteArrayInputStream(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8)))));
        started = System.nanoTime();
        HttpResponse<String> multipart = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve(Uploads.files(tenant, connection))).timeout(Duration.ofMinutes(3))
                .header("Authorization", "Bearer " + api.token(owner))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> form)).build(), HttpResponse.BodyHandlers.ofString());
        millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> formFile = json.readValue(multipart.body(), Map.class);
        assertThat(((Number) formFile.get("size")).longValue()).isEqualTo(SIZE);
        assertThat(formFile.get("sha256")).isEqualTo(part.digest());
        System.out.println("LargeUploadIT: " + SIZE + " bytes uploaded as a multipart form through a " + HEAP
                + " API process in " + millis + " ms");
        delete(base, tenant, connection, owner, formFile.get("id"));
        assertThat(server.isAlive()).isTrue();
    }

    private void delete(URI base, UUID tenant, String connection, User owner, Object fileId) throws Exception {
        HttpResponse<Void> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(
                Uploads.files(tenant, connection) + "/" + fileId)).header("Authorization", "Bearer "
                + api.token(owner)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        assertThat(deleted.statusCode()).isEqualTo(204);
    }

    /** Starts the API process and answers its address. */
    private URI start() throws IOException, InterruptedException, java.util.concurrent.ExecutionException,
            java.util.concurrent.TimeoutException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, HEAP, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path")));
        Map<String, String> properties = new HashMap<>(getProperties());
        properties.put("datasources.default.maximum-pool-size", "4");
        properties.put("datasources.default.minimum-idle", "1");
        properties.put("tillbridge.retention.enabled", "false");
        properties.put("tillbridge.connections.checks.enabled", "false");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(UploadServerMain.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("TILLBRIDGE_"));
        server = builder.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> output = new ArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith(UploadServerMain.READY)) {
                        port.complete(Integer.parseInt(line.substring(UploadServerMain.READY.length()).trim()));
                    }
                    if (line.contains("OutOfMemoryError")) {
                        System.out.println("LargeUploadIT server: " + line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            port.completeExceptionally(new IllegalStateException("the API process ended: " + output));
        }, "large-upload-server");
        pump.setDaemon(true);
        pump.start();
        return URI.create("http://127.0.0.1:" + port.get(90, TimeUnit.SECONDS));
    }

    /** Deterministic bytes made as they are read, with their SHA-256 counted on the way. */
    private static final class Generated extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private long state;
        private long made;

        Generated(long size, long seed) throws Exception {
            this.size = size;
            this.state = seed;
            this.digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (made >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - made);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                b[off + i] = (byte) state;
            }
            digest.update(b, off, n);
            made += n;
            return n;
        }

        String digest() {
            return java.util.HexFormat.of().formatHex(digest.digest());
        }
    }
}
