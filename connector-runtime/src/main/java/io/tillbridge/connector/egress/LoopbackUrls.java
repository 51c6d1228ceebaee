package io.tillbridge.connector.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a URL names this machine's loopback interface, decided from its text alone: no name
 * lookup, no socket. The vendor sandboxes deliver webhooks only to such URLs.
 */
public final class LoopbackUrls {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private LoopbackUrls() {
    }

    /**
     * True for an {@code http} or {@code https} URL whose host is {@code localhost} or a loopback
     * address literal ({@code 127.0.0.0/8}, {@code [::1]}); any other name is refused rather than
     * looked up.
     */
    public static boolean isLoopback(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        boolean ipv6 = host.startsWith("[") && host.endsWith("]");
        if (!ipv6 && !IPV4.matcher(host).matches()) {
            return false;
        }
        try {
            // A literal: the JDK parses it without a lookup.
            return InetAddress.getByName(ipv6 ? host.substring(1, host.length() - 1) : host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
