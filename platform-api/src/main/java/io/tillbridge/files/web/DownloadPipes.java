package io.tillbridge.files.web;

import io.micronaut.scheduling.TaskExecutors;
import io.tillbridge.files.OutputFiles;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a download as it is rendered: the rendering writes on a thread of the blocking pool into
 * a 64 KiB pipe that the server reads from as fast as the client takes the bytes. A rendering that
 * fails makes the response fail at that point (the read throws instead of ending), so a cut file is
 * never delivered as if whole; a client that goes away closes the pipe and stops the rendering.
 */
@Singleton
class DownloadPipes {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadPipes.class);
    private static final int BUFFER = 64 * 1024;

    private final ExecutorService executor;

    DownloadPipes(@Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.executor = executor;
    }

    /** Starts {@code writing} and answers the stream of what it writes. */
    InputStream start(String what, OutputFiles.Writing writing) throws IOException {
        PipedInputStream in = new PipedInputStream(BUFFER);
        PipedOutputStream out = new PipedOutputStream(in);
        Outcome outcome = new Outcome();
        executor.execute(() -> {
            try {
                writing.to(out);
            } catch (IOException | RuntimeException e) {
                outcome.failure = e;
                LOG.info("The download of {} stopped: {}", what, e.getMessage());
            } finally {
                try {
                    out.close();
                } catch (IOException e) {
                    LOG.debug("closing the pipe of {}: {}", what, e.getMessage());
                }
            }
        });
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return checked(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return checked(super.read(b, off, len));
            }

            private int checked(int n) throws IOException {
                if (n < 0 && outcome.failure != null) {
                    throw new IOException("the rendering of " + what + " failed", outcome.failure);
                }
                return n;
            }
        };
    }

    private static final class Outcome {
        volatile Exception failure;
    }
}
