package io.tillbridge.connector.spi;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The kinds of address a connector may not reach unless an operator allows them: everything that is
 * not a public unicast address. IPv6 forms that carry an IPv4 address (IPv4-mapped
 * {@code ::ffff:0:0/96}, IPv4-compatible {@code ::/96}, NAT64 {@code 64:ff9b::/96} and 6to4
 * {@code 2002::/16}) are judged by the IPv4 address they carry.
 */
enum AddressClass {

    UNSPECIFIED("an unspecified address", "unspecified addresses",
            "0.0.0.0/8", "::/128"),
    LOOPBACK("a loopback address", "this machine", "127.0.0.0/8", "::1/128"),
    PRIVATE("a private address", "private networks",
            "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fec0::/10"),
    LINK_LOCAL("a link-local address", "link-local addresses (cloud metadata services among them)",
            "169.254.0.0/16", "fe80::/10"),
    UNIQUE_LOCAL("a unique-local address", "private networks", "fc00::/7"),
    SHARED("a carrier-grade NAT address", "shared address space (RFC 6598)", "100.64.0.0/10"),
    MULTICAST("a multicast address", "multicast addresses", "224.0.0.0/4", "ff00::/8"),
    RESERVED("a reserved address", "reserved or broadcast addresses",
            "240.0.0.0/4", "192.0.0.0/24", "198.18.0.0/15");

    private final String article;
    private final String plural;
    private final List<AddressRange> ranges;

    AddressClass(String article, String plural, String... ranges) {
        this.article = article;
        this.plural = plural;
        this.ranges = java.util.Arrays.stream(ranges).map(AddressRange::parse).toList();
    }

    /** "a private address" */
    String article() {
        return article;
    }

    /** "private networks" */
    String plural() {
        return plural;
    }

    /** The class of a forbidden address, or null for a public unicast address. */
    static AddressClass of(InetAddress address) {
        InetAddress judged = embeddedIpv4(address);
        for (AddressClass kind : values()) {
            for (AddressRange range : kind.ranges) {
                if (range.contains(judged)) {
                    return kind;
                }
            }
        }
        return null;
    }

    /** Whether the IPv6 address only wraps an IPv4 one (then the IPv4 address is what is reached). */
    static boolean wrapsIpv4(InetAddress address) {
        return embeddedIpv4(address) != address;
    }

    /**
     * The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4), or the address
     * itself.
     */
    static InetAddress embeddedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return address;
        }
        int from = -1;
        if (zeros(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            from = 12; // ::ffff:a.b.c.d
        } else if (zeros(b, 0, 12) && !(zeros(b, 12, 15) && (b[15] == 0 || b[15] == 1))) {
            from = 12; // ::a.b.c.d (not :: or ::1)
        } else if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zeros(b, 4, 12)) {
            from = 12; // 64:ff9b::a.b.c.d
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            from = 2; // 2002:aabb:ccdd::/48
        }
        if (from < 0) {
            return address;
        }
        try {
            return Inet4Address.getByAddress(new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]});
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the address is one of this machine's (loopback, wildcard or an interface's address). */
    static boolean isLocal(InetAddress address) {
        InetAddress judged = embeddedIpv4(address);
        if (judged.isLoopbackAddress() || judged.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(judged) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
