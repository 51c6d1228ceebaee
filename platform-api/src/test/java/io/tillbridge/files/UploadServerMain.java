package io.tillbridge.files;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * The platform's API in a process of its own, configured by system properties, for
 * {@link LargeUploadIT}: it prints {@value #READY} and its port once it listens, and stops when its
 * input ends.
 */
public final class UploadServerMain {

    static final String READY = "UPLOAD-SERVER-LISTENING ";

    private UploadServerMain() {
    }

    public static void main(String[] args) throws Exception {
        try (ApplicationContext context = ApplicationContext.run("test")) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            if (!server.isRunning()) {
                server.start();
            }
            System.out.println(READY + server.getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our input
            }
        }
    }
}
