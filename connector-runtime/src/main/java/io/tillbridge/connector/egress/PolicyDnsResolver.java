package io.tillbridge.connector.egress;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.EgressPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Apache HttpClient's name resolution, answered by the egress policy: the connection operator
 * connects to one of the addresses returned here, which are the checked ones, so no second lookup
 * can swap in another address (DNS rebinding). HttpClient 5.5 resolves with host and port, so the
 * platform's own ports are refused here too.
 */
final class PolicyDnsResolver implements DnsResolver {

    private final EgressPolicy policy;

    PolicyDnsResolver(EgressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        try {
            return policy.resolve(host, port).stream().map(a -> new InetSocketAddress(a, port)).toList();
        } catch (ConnectorException refused) {
            throw new EgressRefusal(refused);
        }
    }

    /** Without a port (not used by the 5.5 connection operator): every address checked as for port 0. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return resolve(host, 0).stream().map(InetSocketAddress::getAddress).toArray(InetAddress[]::new);
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return host;
    }
}
