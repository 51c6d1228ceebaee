package io.tillbridge.onboarding;

import io.tillbridge.connections.OAuthAddresses;
import io.tillbridge.connections.OAuthFollowUp;
import io.tillbridge.onboarding.internal.OnboardingRows;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the browser goes after a grant the setup wizard started ({@link OnboardingService#startOAuth}):
 * back to the wizard ({@value #PAGE}), with the new connection. Other authorizations are not its own.
 */
@Singleton
public class WizardOAuthReturn implements OAuthFollowUp {

    /** The wizard's portal page. */
    public static final String PAGE = "get-started";

    private final OnboardingRows rows;
    private final OAuthAddresses addresses;

    WizardOAuthReturn(OnboardingRows rows, OAuthAddresses addresses) {
        this.rows = rows;
        this.addresses = addresses;
    }

    @Override
    public Optional<URI> granted(Connection c, TenantId tenant, UUID authorizationId, UUID connectionId)
            throws SQLException {
        return rows.startedOAuth(tenant, c, authorizationId)
                ? Optional.of(addresses.portal(PAGE + "?connection=" + connectionId)) : Optional.empty();
    }

    @Override
    public Optional<URI> declined(Connection c, TenantId tenant, UUID authorizationId, String error) {
        // The refusal is answered as for any authorization: nothing was connected, and it says why.
        return Optional.empty();
    }
}
