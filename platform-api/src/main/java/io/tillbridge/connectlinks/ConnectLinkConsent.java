package io.tillbridge.connectlinks;

import java.util.List;

/**
 * What the merchant's page shows for a token. Names and scopes are filled only when
 * {@link Outcome#READY}: a person who cannot complete the link learns nothing about the tenant.
 *
 * @param outcome what the page can offer
 * @param partnerName the partner that asks
 * @param connectorName the system to connect (e.g. Square)
 * @param tenantName the tenant the connection is for
 * @param scopes the access asked for at the vendor, in the vendor's spelling
 * @param sandbox whether it connects the shipped sandbox instead of the real vendor
 */
public record ConnectLinkConsent(Outcome outcome, String partnerName, String connectorName, String tenantName,
        List<String> scopes, boolean sandbox) {

    /** What a token leads to for the person who opened it. */
    public enum Outcome {
        /** Show the request with Approve and Decline. */
        READY,
        /** No link has this token. */
        UNKNOWN,
        /** The link expired before anyone finished it. */
        EXPIRED,
        /** The link was completed or declined, or another person opened it first. */
        USED,
        /** The person is not a member of the tenant with the right to add connections. */
        NOT_ALLOWED,
        /** The partner's access to the tenant was revoked since it created the link. */
        WITHDRAWN
    }

    static ConnectLinkConsent refused(Outcome outcome) {
        return new ConnectLinkConsent(outcome, null, null, null, List.of(), false);
    }
}
