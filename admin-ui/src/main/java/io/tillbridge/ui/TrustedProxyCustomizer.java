package io.tillbridge.ui;

import io.tillbridge.network.ClientAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Believes {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only from the configured trusted
 * proxies ({@code tillbridge.http.trusted-proxies}), by the same rule as the API
 * ({@link ClientAddresses}): the portal then sees the real client address (for the sign-in
 * throttle) and knows when the visitor came over HTTPS, so that the session cookie is marked
 * {@code Secure}. Requests from anyone else are left exactly as they arrived.
 */
final class TrustedProxyCustomizer implements HttpConfiguration.Customizer {

    private final ClientAddresses clients;

    TrustedProxyCustomizer(ClientAddresses clients) {
        this.clients = clients;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress socket) || socket.getAddress() == null
                || !clients.isTrusted(socket.getAddress())) {
            return request;
        }
        List<String> forwardedFor = request.getHeaders().getValuesList(ClientAddresses.FORWARDED_FOR);
        String client = clients.resolve(socket.getAddress(), forwardedFor);
        boolean secure = clients.secure(socket.getAddress(), request.isSecure(),
                request.getHeaders().get(ClientAddresses.FORWARDED_PROTO));
        InetSocketAddress clientSocket = new InetSocketAddress(literal(client, socket.getAddress()), socket.getPort());
        ConnectionMetaData metaData = new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
            @Override
            public SocketAddress getRemoteSocketAddress() {
                return clientSocket;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }
        };
        HttpURI uri = secure ? HttpURI.build(request.getHttpURI()).scheme("https").asImmutable() : request.getHttpURI();
        return new Request.Wrapper(request) {
            @Override
            public ConnectionMetaData getConnectionMetaData() {
                return metaData;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public HttpURI getHttpURI() {
                return uri;
            }
        };
    }

    /** The resolved client as an address object; it is always an IP literal, so no lookup happens. */
    private static InetAddress literal(String client, InetAddress fallback) {
        try {
            return InetAddress.getByName(client);
        } catch (java.net.UnknownHostException e) {
            return fallback;
        }
    }
}
