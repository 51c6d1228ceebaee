package io.tillbridge.connector.spi;

import java.net.URI;
import java.util.List;

/**
 * Optional role of a connector whose vendor grants access through OAuth2's authorization-code
 * flow (RFC 6749, section 4.1), so that a merchant connects with a button instead of pasting
 * tokens. The platform keeps the single-use {@code state}, the redirect and the client
 * credentials; the connector knows the vendor's URLs, scopes and token answer.
 *
 * @param <C> the config record
 */
public interface OAuthAuthorization<C extends Record> {

    /** The scopes the connector asks for, in the vendor's spelling. */
    List<String> scopes();

    /**
     * The vendor's authorization page for this config (whose base URL or shop decides where it
     * is), with client id, scopes, redirect and state in the vendor's parameter names. No I/O.
     */
    URI authorizationUrl(C config, String clientId, URI redirectUri, String state);

    /**
     * Exchanges the code the vendor sent to the redirect for tokens, through the connector's
     * context (its egress policy applies).
     *
     * @throws ConnectorException AUTH when the vendor refuses the code or the client, TRANSIENT
     *     when it cannot be reached
     */
    OAuthTokens exchangeCode(C config, String clientId, String clientSecret, String code, URI redirectUri);

    /**
     * The config that uses this grant from now on: the tokens and the client that refreshes
     * them, everything else as in {@code config}.
     */
    C withGrant(C config, String clientId, String clientSecret, OAuthTokens tokens);
}
