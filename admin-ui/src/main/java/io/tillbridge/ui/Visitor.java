package io.tillbridge.ui;

import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;

/** The person at the other end of the current portal request, as far as the network tells. */
public final class Visitor {

    private Visitor() {
    }

    /**
     * The client's IP address: the connection's peer, or behind a trusted proxy the address it
     * forwarded ({@link TrustedProxyCustomizer}).
     */
    public static String address() {
        return Optional.ofNullable(VaadinSession.getCurrent())
                .map(s -> s.getBrowser().getAddress())
                .orElse("unknown");
    }
}
