package io.tillbridge.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 100 MB CSV is read with a 64 MB heap: the source streams it (parser over a reader over the
 * bytes), so the file's size does not count against memory. Run in a child JVM, as a heap limit is
 * a property of a JVM; no time is measured. The CSV is generated while it is read.
 */
class SpreadsheetStreamingIT {

    private static String run(String keyColumns) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), StreamingRead.class.getName(), "100", keyColumns))
                .redirectErrorStream(true).start();
        String output;
        try (var in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("the child JVM ends").isTrue();
        assertThat(process.exitValue()).as("exit status; output:%n%s", output).isZero();
        return output;
    }

    /** Keyed by content, the harder case: the row fingerprints of the file are held too (16 bytes a row). */
    @Test
    void a_100_mb_csv_keyed_by_content_is_read_in_a_64_mb_heap() throws Exception {
        String output = run("-");

        assertThat(output).contains("rows=1048576 problems=0 checkpoints=1049 expected=1048576");
    }
}
