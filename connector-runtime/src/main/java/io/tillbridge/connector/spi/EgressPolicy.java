package io.tillbridge.connector.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where a connector may connect. Every connection a built-in connector opens (HTTP, JDBC) is made
 * through the runtime's egress mechanics, which ask {@link #resolve(String, int)} for the addresses
 * of the host and connect to one of exactly those addresses, on every hop (redirects, next-page
 * links, token endpoints, every host of a multi-host JDBC URL). The policy refuses:
 * <ul>
 * <li>addresses that are not public unicast ones: loopback, private (RFC 1918), link-local (cloud
 * metadata), unique-local, carrier-grade NAT, multicast, unspecified, reserved and broadcast, also
 * in their IPv4-mapped and other IPv6 forms ({@link AddressClass}) &mdash; unless an operator
 * allows the host by name or its address by range, or the runtime allows one address and port
 * ({@link Builder#allowEndpoint(String, int)}: a shipped sandbox on loopback, for its own
 * connections only);</li>
 * <li>always, even when allowed: the platform's own database (its host's addresses and port) and
 * the platform's own listening ports on any address of this machine.</li>
 * </ul>
 * A refusal is a {@link ConnectorException.Category#CONFIG} failure whose message names the host and
 * the reason, thrown before any socket is opened. Thread-safe and immutable (the set of the
 * platform's own ports may be a live view, as the API may pick its port at start).
 */
public final class EgressPolicy {

    /** The largest response body read by default: 16 MiB a page. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    /** The setting operators allow hosts and ranges with (environment variable form). */
    public static final String ALLOW_SETTING = "TILLBRIDGE_EGRESS_ALLOW";

    /** Turns a host name into addresses; tests inject one that maps test names to any address. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;

        /** The JDK's resolver (the operating system's, with the JDK's cache). */
        Resolver SYSTEM = InetAddress::getAllByName;
    }

    /** A host and port the platform itself uses (its database). */
    public record Endpoint(String host, int port) {
        public Endpoint {
            Objects.requireNonNull(host, "host");
        }
    }

    private static final EgressPolicy STRICT = builder().build();

    private final List<String> allowedHosts;
    private final List<AddressRange> allowedRanges;
    private final List<Endpoint> allowedEndpoints;
    private final List<Endpoint> platformDatabases;
    private final Supplier<? extends Collection<Integer>> platformPorts;
    private final Resolver resolver;
    private final long maxResponseBytes;

    private EgressPolicy(Builder b) {
        this.allowedHosts = List.copyOf(b.allowedHosts);
        this.allowedRanges = List.copyOf(b.allowedRanges);
        this.allowedEndpoints = List.copyOf(b.allowedEndpoints);
        this.platformDatabases = List.copyOf(b.platformDatabases);
        this.platformPorts = b.platformPorts;
        this.resolver = b.resolver;
        this.maxResponseBytes = b.maxResponseBytes;
    }

    /** Public unicast addresses only, nothing allowed besides, 16 MiB pages: the default everywhere. */
    public static EgressPolicy strict() {
        return STRICT;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this policy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.allowedHosts.addAll(allowedHosts);
        b.allowedRanges.addAll(allowedRanges);
        b.allowedEndpoints.addAll(allowedEndpoints);
        b.platformDatabases.addAll(platformDatabases);
        b.platformPorts = platformPorts;
        b.resolver = resolver;
        b.maxResponseBytes = maxResponseBytes;
        return b;
    }

    /** The largest response body (one page) a connector reads; a larger one fails CONFIG. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * The addresses of {@code host} that a connection to {@code port} may use: every address the
     * resolver answered, each checked. Connect only to one of these, never resolve again.
     *
     * @param host a host name or an IP literal (IPv6 with or without brackets)
     * @throws ConnectorException CONFIG when the host, or any address it resolves to, is refused
     * @throws UnknownHostException when the name does not resolve (worth retrying later)
     */
    public List<InetAddress> resolve(String host, int port) throws UnknownHostException {
        if (host == null || host.isBlank()) {
            throw new ConnectorException(ConnectorException.Category.CONFIG, "the address names no host");
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        byte[] literal = AddressRange.literal(name);
        InetAddress[] addresses = literal != null ? new InetAddress[] {InetAddress.getByAddress(literal)}
                : resolver.resolve(name);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        boolean hostAllowed = literal == null && hostAllowed(name);
        List<InetAddress> checked = new ArrayList<>(addresses.length);
        for (InetAddress address : addresses) {
            check(host, literal != null, address, port, hostAllowed);
            checked.add(address);
        }
        return List.copyOf(checked);
    }

    private void check(String host, boolean isLiteral, InetAddress address, int port, boolean hostAllowed) {
        String where = isLiteral ? host + " is" : host + " resolves to " + address.getHostAddress() + ", which is";
        boolean local = AddressClass.isLocal(address);
        for (Endpoint database : platformDatabases) {
            if (database.port() == port && isDatabase(database, address, local)) {
                throw refused(where + " the platform's own database (port " + port
                        + "); connectors may never reach it");
            }
        }
        if (local && platformPorts.get().contains(port)) {
            throw refused(where + " on this machine, and port " + port
                    + " is one of the platform's own ports; connectors may never reach the platform itself");
        }
        if (hostAllowed || rangeAllowed(address) || endpointAllowed(address, port)) {
            return;
        }
        AddressClass kind = AddressClass.of(address);
        if (kind != null) {
            String form = AddressClass.wrapsIpv4(address)
                    ? kind.article() + " (" + AddressClass.embeddedIpv4(address).getHostAddress() + " in IPv6 form)"
                    : kind.article();
            throw refused((isLiteral ? host + " is " : host + " resolves to " + address.getHostAddress() + ", ")
                    + form + "; connectors may not reach " + kind.plural()
                    + " (an operator can allow it with " + ALLOW_SETTING + ")");
        }
    }

    private boolean isDatabase(Endpoint database, InetAddress address, boolean local) {
        InetAddress[] databaseAddresses;
        byte[] literal = AddressRange.literal(database.host().toLowerCase(Locale.ROOT).replace("[", "").replace("]", ""));
        try {
            databaseAddresses = literal != null ? new InetAddress[] {InetAddress.getByAddress(literal)}
                    : resolver.resolve(database.host());
        } catch (UnknownHostException e) {
            // The platform cannot resolve its own database: nothing to compare with.
            return false;
        }
        InetAddress judged = AddressClass.embeddedIpv4(address);
        for (InetAddress db : databaseAddresses) {
            if (AddressClass.embeddedIpv4(db).equals(judged)) {
                return true;
            }
            // A database on this machine listens on every local address as far as we can tell.
            if (local && AddressClass.isLocal(db)) {
                return true;
            }
        }
        return false;
    }

    private boolean hostAllowed(String name) {
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.") ? name.endsWith(allowed.substring(1)) : name.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private boolean rangeAllowed(InetAddress address) {
        for (AddressRange range : allowedRanges) {
            if (range.contains(address) || range.contains(AddressClass.embeddedIpv4(address))) {
                return true;
            }
        }
        return false;
    }

    private boolean endpointAllowed(InetAddress address, int port) {
        InetAddress judged = AddressClass.embeddedIpv4(address);
        for (Endpoint endpoint : allowedEndpoints) {
            if (endpoint.port() == port) {
                byte[] allowed = AddressRange.literal(endpoint.host());
                if (allowed != null && java.util.Arrays.equals(allowed, judged.getAddress())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ConnectorException refused(String message) {
        return new ConnectorException(ConnectorException.Category.CONFIG, message);
    }

    @Override
    public String toString() {
        return "EgressPolicy[allowed hosts " + allowedHosts + ", allowed ranges " + allowedRanges
                + ", allowed endpoints " + allowedEndpoints + ", platform databases " + platformDatabases + ", max response " + maxResponseBytes + " bytes]";
    }

    /** Builds a policy; without calls it is {@link #strict()}. */
    public static final class Builder {

        private final List<String> allowedHosts = new ArrayList<>();
        private final List<AddressRange> allowedRanges = new ArrayList<>();
        private final List<Endpoint> allowedEndpoints = new ArrayList<>();
        private final List<Endpoint> platformDatabases = new ArrayList<>();
        private Supplier<? extends Collection<Integer>> platformPorts = Set::of;
        private Resolver resolver = Resolver.SYSTEM;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

        private Builder() {
        }

        /**
         * Allows a host name ({@code warehouse.corp.example}), every subdomain of a domain
         * ({@code *.corp.example}, not the domain itself), an address ({@code 10.1.2.3}) or a CIDR
         * range ({@code 10.20.0.0/16}, {@code fd00::/8}). The platform's database and ports stay
         * refused.
         *
         * @throws IllegalArgumentException when the entry is none of these
         */
        public Builder allow(String entry) {
            String e = Objects.requireNonNull(entry, "entry").trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                return this;
            }
            AddressRange range = AddressRange.parse(e);
            if (range != null) {
                allowedRanges.add(range);
            } else if (e.matches("(\\*\\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\\.?")) {
                allowedHosts.add(e.endsWith(".") ? e.substring(0, e.length() - 1) : e);
            } else {
                throw new IllegalArgumentException("'" + entry + "' is neither a host name, *.domain, an address"
                        + " nor a CIDR range");
            }
            return this;
        }

        /**
         * Allows one address literal ({@code 127.0.0.1}, {@code ::1}) at one port and nothing else of
         * its range: the runtime lends this to the connections of a shipped sandbox, so that they
         * reach that sandbox's loopback server and no other local service. The platform's database
         * and ports stay refused.
         *
         * @throws IllegalArgumentException when {@code address} is not an IP literal or the port is out of range
         */
        public Builder allowEndpoint(String address, int port) {
            String a = Objects.requireNonNull(address, "address").trim().toLowerCase(Locale.ROOT);
            if (a.startsWith("[") && a.endsWith("]")) {
                a = a.substring(1, a.length() - 1);
            }
            if (AddressRange.literal(a) == null) {
                throw new IllegalArgumentException("'" + address + "' is not an IP address literal");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is out of range");
            }
            allowedEndpoints.add(new Endpoint(a, port));
            return this;
        }

        /** Allows each entry of a comma-separated list (the form of {@code tillbridge.egress.allow}). */
        public Builder allowList(String commaSeparated) {
            if (commaSeparated != null) {
                for (String entry : commaSeparated.split(",")) {
                    allow(entry);
                }
            }
            return this;
        }

        /** The platform's own database: refused on its addresses (any local address if it is local). */
        public Builder platformDatabase(String host, int port) {
            platformDatabases.add(new Endpoint(host, port));
            return this;
        }

        /** The platform's own listening ports (API, portal, ...), refused on every local address. */
        public Builder platformPorts(Supplier<? extends Collection<Integer>> ports) {
            this.platformPorts = Objects.requireNonNull(ports, "ports");
            return this;
        }

        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("the largest response must be at least one byte");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        public EgressPolicy build() {
            return new EgressPolicy(this);
        }
    }
}
