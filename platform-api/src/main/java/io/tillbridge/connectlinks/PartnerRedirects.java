package io.tillbridge.connectlinks;

import io.tillbridge.access.Caller;
import io.tillbridge.audit.Actor;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connectlinks.internal.ConnectLinkRows;
import io.tillbridge.partners.PartnerAccounts;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The redirect URLs a partner registered: where a connect link sends the merchant's browser back.
 * Managed by the partner's owner, signed in (not with an API key: a stolen key must not be able to
 * add an address of its own). {@code https} only, except {@code http} on a loopback address for
 * development; no fragment, no user info. A connect link names one of them, compared exactly.
 */
@Singleton
public class PartnerRedirects {

    /** How many redirect URLs one partner may register. */
    public static final int MAX_URLS = 10;
    private static final int MAX_LENGTH = 2000;

    private final TenantTransactions transactions;
    private final ConnectLinkRows rows;
    private final PartnerAccounts partners;
    private final AuditLog audit;

    public PartnerRedirects(TenantTransactions transactions, ConnectLinkRows rows, PartnerAccounts partners,
            AuditLog audit) {
        this.transactions = transactions;
        this.rows = rows;
        this.partners = partners;
        this.audit = audit;
    }

    /** The partner's redirect URLs; 404 unless the caller owns the partner, 403 for an API key. */
    public List<String> list(Caller caller, UUID partnerId) {
        partners.get(caller, partnerId);
        return transactions.withoutTenant(c -> rows.redirectUrls(c, partnerId));
    }

    /**
     * Replaces the partner's redirect URLs. Every URL is checked first; one bad URL stores nothing.
     *
     * @throws ProblemException 400 validation-failed naming each bad entry ({@code urls[i]})
     */
    public List<String> replace(Caller caller, UUID partnerId, List<String> urls) {
        partners.get(caller, partnerId);
        List<String> given = urls == null ? List.of() : urls;
        List<Problem.FieldError> errors = new ArrayList<>();
        if (given.size() > MAX_URLS) {
            errors.add(new Problem.FieldError("urls", "at most " + MAX_URLS + " redirect URLs"));
        }
        for (int i = 0; i < given.size(); i++) {
            int index = i;
            problem(given.get(i)).ifPresent(p -> errors.add(new Problem.FieldError("urls[" + index + "]", p)));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, errors.get(0).field() + ": "
                    + errors.get(0).message(), errors);
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(given));
        Caller.User owner = (Caller.User) caller;
        transactions.withoutTenant(c -> {
            List<String> before = rows.redirectUrls(c, partnerId);
            rows.replaceRedirectUrls(c, partnerId, distinct);
            audit.append(c, null, new Actor(Actor.Kind.USER, owner.userId().toString(), owner.email(), null),
                    AuditLog.Entry.of("partner.redirect-urls-changed", "partner", partnerId)
                            .before(Map.of("urls", before)).after(Map.of("urls", distinct)));
            return null;
        });
        return distinct;
    }

    /** Whether {@code url} is exactly one of the partner's registered redirect URLs. */
    boolean registered(UUID partnerId, String url) {
        return transactions.withoutTenant(c -> rows.redirectUrls(c, partnerId)).contains(url);
    }

    /** What is wrong with {@code url} as a redirect URL, or empty when it is acceptable. */
    static Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must be an absolute URL with a host, e.g. https://app.example.com/connected");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not have a fragment (#...)");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http") && loopback(uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of("must use https (http only on a loopback address such as 127.0.0.1, for development)");
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name: never resolved here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
