package io.tillbridge.vendorhooks.bench;

import io.tillbridge.vendorhooks.SquareEvents;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Writes G7's requests for {@code wrk} (BENCHMARKS.md): {@code g7.count} validly signed, distinct
 * Square {@code order.updated} events (ids {@code g7.prefix}-1, -2, ...), one per line as the
 * signature, a tab and the body, to {@code g7.requests}. Signing them before the run keeps the
 * HMAC out of the driver, which shares the machine with the server; {@code bench/g7-wrk.lua} sends
 * each line once.
 */
public final class G7Requests {

    private G7Requests() {
    }

    public static void main(String[] args) throws Exception {
        Properties ready = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("g7.ready", "g7-ready.properties")))) {
            ready.load(in);
        }
        String signUrl = ready.getProperty("sign");
        String key = ready.getProperty("key");
        int count = Integer.getInteger("g7.count", 100_000);
        String prefix = System.getProperty("g7.prefix", "g7-wrk-" + System.currentTimeMillis());
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(System.getProperty("g7.requests")), StandardCharsets.UTF_8)) {
            for (int i = 1; i <= count; i++) {
                String body = G7Driver.event(prefix + "-" + i);
                out.write(SquareEvents.sign(key, signUrl, body.getBytes(StandardCharsets.UTF_8)));
                out.write('\t');
                out.write(body);
                out.newLine();
            }
        }
    }
}
