package io.tillbridge.connections;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.net.URI;
import java.util.Optional;

/**
 * The merchant declined at the vendor (403 {@code oauth-denied}); {@link #continueUrl()} is where
 * a browser goes instead of the problem page when an {@link OAuthFollowUp} named one.
 */
public class OAuthDeclined extends ProblemException {

    private final transient URI continueUrl;

    public OAuthDeclined(String detail, URI continueUrl) {
        super(ProblemType.OAUTH_DENIED, detail);
        this.continueUrl = continueUrl;
    }

    public Optional<URI> continueUrl() {
        return Optional.ofNullable(continueUrl);
    }
}
