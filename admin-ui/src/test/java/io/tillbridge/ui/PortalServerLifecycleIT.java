package io.tillbridge.ui;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

class PortalServerLifecycleIT {

    private ApplicationContext context;

    @BeforeEach
    void startContext() {
        context = TestContexts.run();
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void port_zero_picks_a_free_port_and_the_uri_names_it() {
        try (PortalServer portal = PortalServer.start(context, "127.0.0.1", 0)) {
            assertTrue(portal.port() > 0);
            assertEquals("http://127.0.0.1:" + portal.port() + "/", portal.uri().toString());
        }
    }

    @Test
    void close_stops_accepting_connections_and_may_be_called_again() {
        PortalServer portal = PortalServer.start(context, "127.0.0.1", 0);

        portal.close();

        assertThrows(ConnectException.class, () -> connect(portal.port()));
        assertDoesNotThrow(portal::close);
    }

    @Test
    void stopping_the_portal_leaves_the_platforms_logging_running() {
        PortalServer.start(context, "127.0.0.1", 0).close();

        assertTrue(((LoggerContext) LoggerFactory.getILoggerFactory()).isStarted());
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        }
    }
}
