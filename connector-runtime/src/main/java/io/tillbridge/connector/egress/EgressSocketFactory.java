package io.tillbridge.connector.egress;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.EgressPolicy;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * The socket factory {@link EgressJdbc} hands pgjdbc ({@code socketFactory}, set by us in the
 * connection properties; a URL may not name one). pgjdbc creates an unconnected socket and connects
 * it to {@code host:port}; the socket made here ignores whatever pgjdbc resolved, resolves the host
 * name through the egress policy, and connects to a checked address. Every host of a multi-host URL
 * and every cancel request go through it.
 *
 * <p>pgjdbc instantiates the factory by class name with a string argument, so the policy is found by
 * a key in a registry that holds policies weakly.
 */
public final class EgressSocketFactory extends SocketFactory {

    private static final Map<String, WeakReference<EgressPolicy>> POLICIES = new ConcurrentHashMap<>();
    private static final Map<EgressPolicy, String> KEYS = new WeakHashMap<>();

    private final EgressPolicy policy;

    /** Called by pgjdbc with the {@code socketFactoryArg} set by {@link EgressJdbc}. */
    public EgressSocketFactory(String key) {
        WeakReference<EgressPolicy> found = key == null ? null : POLICIES.get(key);
        EgressPolicy p = found == null ? null : found.get();
        // Without its policy (a forged or stale key) the factory is the strict default, never open.
        this.policy = p == null ? EgressPolicy.strict() : p;
    }

    /** The registry key of {@code policy}, registering it once. */
    static String keyOf(EgressPolicy policy) {
        synchronized (KEYS) {
            String key = KEYS.get(policy);
            if (key == null) {
                POLICIES.values().removeIf(ref -> ref.get() == null);
                key = UUID.randomUUID().toString();
                KEYS.put(policy, key);
                POLICIES.put(key, new WeakReference<>(policy));
            }
            return key;
        }
    }

    @Override
    public Socket createSocket() {
        return new CheckedSocket(policy);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(InetSocketAddress.createUnresolved(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw new SocketException("binding a local address is not supported for connector connections");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw new SocketException("binding a local address is not supported for connector connections");
    }

    /** A socket whose connect goes through the policy: the host is resolved and checked here. */
    static final class CheckedSocket extends Socket {

        private final EgressPolicy policy;

        CheckedSocket(EgressPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress target)) {
                throw new SocketException("unsupported address type");
            }
            // The name as written in the URL, not what the driver may have resolved on its own.
            String host = target.getHostString();
            List<InetAddress> checked;
            try {
                checked = policy.resolve(host, target.getPort());
            } catch (ConnectorException refused) {
                throw new EgressRefusal(refused);
            }
            IOException last = null;
            for (InetAddress address : checked) {
                try {
                    super.connect(new InetSocketAddress(address, target.getPort()), timeout);
                    return;
                } catch (IOException e) {
                    last = e;
                    if (isClosed()) {
                        throw e;
                    }
                }
            }
            throw last;
        }
    }
}
