package io.tillbridge.users.web;

import io.micronaut.http.HttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** The IP address a request came from (the peer of the connection), for sign-in throttling. */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        InetAddress address = remote.getAddress();
        return address != null ? address.getHostAddress() : remote.getHostString();
    }
}
