package io.tillbridge.connections;

import io.tillbridge.tenants.TenantId;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * A feature that starts OAuth authorizations for its own purpose (a partner's connect link) and
 * decides where the merchant's browser goes once the vendor answered. {@link ConnectionOAuth}
 * asks every follow-up inside the transaction that records the outcome; a follow-up that does not
 * know the authorization answers empty, and the browser goes to the portal as before.
 */
public interface OAuthFollowUp {

    /** Called with the new connection; answers where the browser continues, if this authorization is its own. */
    Optional<URI> granted(Connection c, TenantId tenant, UUID authorizationId, UUID connectionId) throws SQLException;

    /** Called when the merchant declined at the vendor (or the vendor answered an error). */
    Optional<URI> declined(Connection c, TenantId tenant, UUID authorizationId, String error) throws SQLException;

    /** Work done in the transaction that stores a started authorization, with its id. */
    @FunctionalInterface
    interface Started {
        void started(Connection c, UUID authorizationId) throws SQLException;
    }
}
