package io.tillbridge.connectlinks;

/**
 * What a partner asks for: the connector to connect (it must connect with OAuth), where to send the
 * merchant back (exactly one of the partner's registered redirect URLs), an optional opaque state
 * given back with the redirect, and whether to connect the shipped sandbox.
 */
public record ConnectLinkDraft(String connectorId, String redirectUrl, String state, boolean sandbox) {
}
