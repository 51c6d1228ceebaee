package io.tillbridge.outbound;

import io.tillbridge.connections.PlatformEgress;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.EgressPolicy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs a subscription may name: https, or http only to a host that is reachable because the
 * operator allowed it ({@code tillbridge.egress.allow}: an internal service); at most
 * {@value #MAX_LENGTH} characters; no user info. An address literal the egress policy refuses
 * (private, loopback, link-local, the platform's own database or ports) is refused here already;
 * host names are checked when each delivery connects.
 */
@Singleton
public class SubscriptionUrls {

    public static final int MAX_LENGTH = 2000;

    private final PlatformEgress egress;

    public SubscriptionUrls(PlatformEgress egress) {
        this.egress = egress;
    }

    /** Why {@code url} cannot be used, or null when it can. */
    public String problem(String url) {
        if (url == null || url.isBlank()) {
            return "Give the URL that receives the events.";
        }
        if (url.length() > MAX_LENGTH) {
            return "The URL is longer than " + MAX_LENGTH + " characters.";
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return "This is not a URL: " + e.getReason() + ".";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "The URL must start with https:// (or http:// for an internal host the operator allowed).";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "The URL names no host.";
        }
        if (uri.getRawUserInfo() != null) {
            return "The URL must not contain a user name or password; use the signing secret to authenticate.";
        }
        if (uri.getFragment() != null) {
            return "The URL must not contain a #fragment.";
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        EgressPolicy policy = egress.policy();
        boolean literal = uri.getHost().startsWith("[") || uri.getHost().matches("[0-9.]+")
                || uri.getHost().equalsIgnoreCase("localhost");
        if (literal || scheme.equals("http")) {
            try {
                policy.resolve(uri.getHost(), port);
            } catch (ConnectorException refused) {
                return "This address cannot receive webhooks: " + refused.getMessage() + ".";
            } catch (UnknownHostException e) {
                return "The host " + uri.getHost() + " does not resolve.";
            }
        }
        if (scheme.equals("http") && publiclyReachable(uri.getHost(), port)) {
            return "Use https:// for a public endpoint; http:// is only for internal hosts the operator allowed.";
        }
        return null;
    }

    /** True when a policy with no operator allowances would reach the host too: a public address. */
    private static boolean publiclyReachable(String host, int port) {
        try {
            EgressPolicy.strict().resolve(host, port);
            return true;
        } catch (ConnectorException | UnknownHostException refused) {
            return false;
        }
    }
}
