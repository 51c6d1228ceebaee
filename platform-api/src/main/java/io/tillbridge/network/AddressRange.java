package io.tillbridge.network;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * A range of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}), or one address.
 * Parsed without any name lookup: only address literals are accepted.
 */
public record AddressRange(byte[] network, int prefixLength) {

    public AddressRange {
        network = network.clone();
    }

    /** Parses {@code 192.168.0.0/16}, {@code 2001:db8::/32} or a single address. */
    public static AddressRange parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        InetAddress parsed = IpLiteral.parse(address).orElseThrow(() ->
                new IllegalArgumentException("Not an IP address range: '" + text + "' (use CIDR, e.g. 10.0.0.0/8)"));
        byte[] bytes = parsed.getAddress();
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not an IP address range: '" + text + "' (bad prefix length)");
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("Not an IP address range: '" + text + "' (prefix 0 to " + max + ")");
        }
        return new AddressRange(bytes, prefix);
    }

    /** Whether {@code address} lies in this range (an IPv4 address never lies in an IPv6 range). */
    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange r && r.prefixLength == prefixLength && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        return IpLiteral.parse(network).map(InetAddress::getHostAddress).orElse("?") + "/" + prefixLength;
    }

    /** IP address literals, parsed without a name lookup. */
    static final class IpLiteral {

        private IpLiteral() {
        }

        static Optional<InetAddress> parse(String text) {
            if (text == null) {
                return Optional.empty();
            }
            String value = text.strip();
            if (value.startsWith("[") && value.contains("]")) {
                value = value.substring(1, value.indexOf(']'));
            } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':') && value.contains(".")) {
                value = value.substring(0, value.indexOf(':'));
            }
            int zone = value.indexOf('%');
            if (zone >= 0) {
                value = value.substring(0, zone);
            }
            boolean v4 = value.matches("\\d{1,3}(\\.\\d{1,3}){3}");
            boolean v6 = value.indexOf(':') >= 0 && value.matches("[0-9A-Fa-f:.]+");
            if (!v4 && !v6) {
                return Optional.empty();
            }
            if (v4) {
                for (String part : value.split("\\.")) {
                    if (Integer.parseInt(part) > 255) {
                        return Optional.empty();
                    }
                }
            }
            try {
                // A literal of this form is parsed, never looked up.
                return Optional.of(InetAddress.getByName(value));
            } catch (java.net.UnknownHostException e) {
                return Optional.empty();
            }
        }

        static Optional<InetAddress> parse(byte[] bytes) {
            try {
                return Optional.of(InetAddress.getByAddress(bytes));
            } catch (java.net.UnknownHostException e) {
                return Optional.empty();
            }
        }
    }
}
