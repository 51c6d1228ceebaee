/**
 * Alerts: rules per integration (with defaults), the alerts they open and resolve, and the
 * tenant's channels (email, chat webhook, signed outbound webhook) with their delivery log.
 */
package io.tillbridge.alerts;
