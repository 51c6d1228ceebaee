package io.tillbridge.network;

import io.tillbridge.connector.spi.AddressRange;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address a request came from, for throttles and rate limits. It is the connection's peer,
 * unless the peer is one of the configured trusted proxies ({@code tillbridge.http.trusted-proxies},
 * CIDR ranges, comma-separated; none by default): then {@code X-Forwarded-For} is read from the
 * right, skipping trusted proxies, and the first address that is not one of them is the client.
 * Addresses further left were written by the client itself and are never believed. An entry that
 * is not an IP address ends the walk at the last address known to be good.
 *
 * <p>The same rule tells whether a request arrived over TLS: {@code X-Forwarded-Proto} counts only
 * when a trusted proxy sent it.
 */
@Singleton
public class ClientAddresses {

    public static final String FORWARDED_FOR = "X-Forwarded-For";
    public static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final List<AddressRange> trusted;

    @Inject
    public ClientAddresses(@Value("${tillbridge.http.trusted-proxies:}") String trustedProxies) {
        this(parse(trustedProxies));
    }

    public ClientAddresses(List<AddressRange> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** Parses a comma- or space-separated list of CIDR ranges; a bad entry fails start-up. */
    public static List<AddressRange> parse(String ranges) {
        List<AddressRange> parsed = new ArrayList<>();
        if (ranges != null) {
            for (String range : ranges.split("[,\\s]+")) {
                if (!range.isBlank()) {
                    AddressRange parsedRange = AddressRange.parse(range);
                    if (parsedRange == null) {
                        throw new IllegalArgumentException("Not an IP address range: '" + range
                                + "' (use CIDR, e.g. 10.0.0.0/8)");
                    }
                    parsed.add(parsedRange);
                }
            }
        }
        return parsed;
    }

    /** The client address of a request to the API. */
    public String of(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null) {
            return remote == null ? "unknown" : remote.getHostString();
        }
        return resolve(peer, request.getHeaders().getAll(FORWARDED_FOR));
    }

    /**
     * The client behind {@code peer}, given the values of every {@code X-Forwarded-For} header in
     * the order they came.
     */
    public String resolve(InetAddress peer, List<String> forwardedFor) {
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor == null ? List.<String>of() : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiterals.parse(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
            if (!isTrusted(client)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    /** Whether the request reached us over TLS, directly or, by a trusted proxy's word, at the proxy. */
    public boolean secure(InetAddress peer, boolean directlySecure, String forwardedProto) {
        if (directlySecure) {
            return true;
        }
        return peer != null && isTrusted(peer) && forwardedProto != null
                && forwardedProto.split(",")[0].strip().equalsIgnoreCase("https");
    }

    public boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }
}
