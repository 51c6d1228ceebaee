package io.tillbridge.connector.egress;

import io.tillbridge.connector.spi.ConnectorException;
import java.net.UnknownHostException;

/**
 * A refusal of the egress policy carried through a library's I/O path (Apache HttpClient's DNS
 * resolver, pgjdbc's socket): an {@link UnknownHostException}, so that no socket is opened, which
 * the caller turns back into the policy's {@link ConnectorException}.
 */
final class EgressRefusal extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    private final transient ConnectorException refusal;

    EgressRefusal(ConnectorException refusal) {
        super(refusal.getMessage());
        this.refusal = refusal;
    }

    ConnectorException refusal() {
        return refusal;
    }

    /** The policy's refusal somewhere in the cause chain of {@code failure}, if any. */
    static ConnectorException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EgressRefusal r) {
                return r.refusal();
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof EgressRefusal r) {
                    return r.refusal();
                }
            }
        }
        return null;
    }
}
