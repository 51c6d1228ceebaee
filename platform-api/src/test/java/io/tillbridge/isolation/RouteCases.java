package io.tillbridge.isolation;

import static io.tillbridge.isolation.RouteCase.Access.OWNED;
import static io.tillbridge.isolation.RouteCase.Access.PARTNER;
import static io.tillbridge.isolation.RouteCase.Access.PUBLIC;
import static io.tillbridge.isolation.RouteCase.Access.STAFF;
import static io.tillbridge.isolation.RouteCase.Access.TENANT_READ;
import static io.tillbridge.isolation.RouteCase.Access.TENANT_WRITE;
import static io.tillbridge.isolation.RouteCase.Access.USER;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case per public API route. A route added without a case here fails
 * {@code RouteIsolationIT.every_api_route_has_an_isolation_case_and_every_case_a_route}. Bodies
 * are valid requests, with {@code ${name}} filled from the fixture's world.
 */
final class RouteCases {

    private RouteCases() {
    }

    /**
     * The routes that manage a tenant's members. Delegated access (a partner key of any scope, a
     * support impersonation even with write access) is refused there with 403 delegated-access, so
     * that it cannot make itself permanent (DD-019).
     */
    static java.util.Set<String> memberManagement() {
        return java.util.Set.of(
                "PUT /api/v1/tenants/{tenantId}/members/{userId}",
                "DELETE /api/v1/tenants/{tenantId}/members/{userId}",
                "POST /api/v1/tenants/{tenantId}/invitations",
                "DELETE /api/v1/tenants/{tenantId}/invitations/{invitationId}");
    }

    static Map<String, RouteCase> all() {
        Map<String, RouteCase> cases = new LinkedHashMap<>();
        for (RouteCase c : List.<RouteCase>of(
                RouteCase.of("GET", "/api/v1", PUBLIC),
                RouteCase.of("GET", "/api/v1/connectors", PUBLIC),
                RouteCase.of("GET", "/api/v1/connectors/{id}", PUBLIC),
                RouteCase.of("POST", "/api/v1/signup", PUBLIC, "{\"businessName\":\"Iso ${unique}\",\"name\":\"Iso\",\"email\":\"iso-${unique}@example.test\",\"password\":\"correct horse battery staple\"}"),
                RouteCase.of("POST", "/api/v1/signup/invited", PUBLIC, "{\"invitationToken\":\"${tenantId}.not-a-secret\",\"name\":\"Iso\",\"password\":\"correct horse battery staple\"}"),
                RouteCase.of("POST", "/api/v1/auth/login", PUBLIC, "{\"email\":\"nobody-${unique}@example.test\",\"password\":\"correct horse battery staple\"}"),
                RouteCase.of("POST", "/api/v1/auth/logout", PUBLIC, "{\"refreshToken\":\"not-a-token-${unique}\"}"),
                RouteCase.of("POST", "/api/v1/auth/refresh", PUBLIC, "{\"refreshToken\":\"not-a-token-${unique}\"}"),
                RouteCase.of("POST", "/api/v1/auth/password-reset", PUBLIC, "{\"email\":\"nobody-${unique}@example.test\"}"),
                RouteCase.of("POST", "/api/v1/auth/password-reset/confirm", PUBLIC, "{\"token\":\"not-a-token-${unique}\",\"newPassword\":\"correct horse battery staple\"}"),
                RouteCase.of("POST", "/api/v1/auth/verify-email", PUBLIC, "{\"token\":\"not-a-token-${unique}\"}"),
                RouteCase.of("POST", "/api/v1/auth/verify-email/resend", PUBLIC, "{\"email\":\"nobody-${unique}@example.test\"}"),
                RouteCase.of("GET", "/api/v1/me", USER),
                RouteCase.of("PATCH", "/api/v1/me", USER, "{\"name\":\"Renamed ${unique}\"}"),
                RouteCase.of("POST", "/api/v1/me/password", USER, "{\"currentPassword\":\"wrong password ${unique}\",\"newPassword\":\"correct horse battery staple\"}"),
                RouteCase.of("POST", "/api/v1/me/sign-out-everywhere", USER),
                RouteCase.of("POST", "/api/v1/invitations/accept", USER, "{\"token\":\"${tenantId}.not-a-secret-${unique}\"}"),
                RouteCase.of("GET", "/api/v1/partners", USER),
                RouteCase.of("POST", "/api/v1/partners", USER, "{\"name\":\"Iso partner ${unique}\",\"contactEmail\":\"dev-${unique}@partner.example\"}"),
                RouteCase.of("GET", "/api/v1/partners/{partnerId}", OWNED),
                RouteCase.of("GET", "/api/v1/partners/{partnerId}/keys", OWNED),
                RouteCase.of("GET", "/api/v1/partners/{partnerId}/redirect-urls", OWNED),
                RouteCase.of("PUT", "/api/v1/partners/{partnerId}/redirect-urls", OWNED, "{\"urls\":[\"https://iso.partner.example/back\"]}"),
                RouteCase.of("POST", "/api/v1/partners/{partnerId}/keys", OWNED, "{\"name\":\"iso ${unique}\",\"scopes\":[\"read\"]}"),
                RouteCase.of("GET", "/api/v1/partners/{partnerId}/keys/{keyId}", OWNED),
                RouteCase.of("DELETE", "/api/v1/partners/{partnerId}/keys/{keyId}", OWNED),
                RouteCase.of("GET", "/api/v1/partner/tenants", PARTNER),
                RouteCase.of("GET", "/api/v1/support/tenants", STAFF),
                RouteCase.of("GET", "/api/v1/support/tenants/{tenantId}", STAFF),
                RouteCase.of("POST", "/api/v1/support/tenants/{tenantId}/suspend", STAFF, "{\"reason\":\"isolation test ${unique}\"}"),
                RouteCase.of("POST", "/api/v1/support/tenants/{tenantId}/resume", STAFF),
                RouteCase.of("POST", "/api/v1/support/tenants/{tenantId}/impersonations", STAFF, "{\"reason\":\"isolation test ${unique}\",\"minutes\":5}"),
                RouteCase.of("GET", "/api/v1/support/impersonations", STAFF),
                RouteCase.of("POST", "/api/v1/support/impersonations/{id}/confirm-write", STAFF, "{\"confirmation\":\"${slug}\"}"),
                RouteCase.of("POST", "/api/v1/support/impersonations/{id}/tokens", STAFF),
                RouteCase.of("POST", "/api/v1/support/impersonations/{id}/end", STAFF),
                RouteCase.of("GET", "/api/v1/support/audit-log", STAFF),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}", TENANT_READ),
                RouteCase.of("PUT", "/api/v1/tenants/{tenantId}/settings", TENANT_WRITE, "{\"businessName\":\"Isolation ${unique}\",\"currency\":\"EUR\"}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/storage", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/locations", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/locations", TENANT_WRITE, "{\"name\":\"Iso ${unique}\",\"timeZone\":\"Europe/Paris\",\"closeOutHour\":4}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/locations/{locationId}", TENANT_READ),
                RouteCase.of("PUT", "/api/v1/tenants/{tenantId}/locations/{locationId}", TENANT_WRITE, "{\"name\":\"Iso ${unique}\",\"timeZone\":\"Europe/Paris\",\"closeOutHour\":5}"),
                RouteCase.of("DELETE", "/api/v1/tenants/{tenantId}/locations/{locationId}", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/connections", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/connections", TENANT_WRITE, "{\"connectorId\":\"http-json\",\"name\":\"Iso ${unique}\",\"config\":{\"url\":\"http://127.0.0.1:9/orders\",\"maxRetries\":0,\"timeoutSeconds\":2,\"bearerToken\":\"iso-${unique}\"}}"),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/connections/oauth", TENANT_WRITE, "{\"connectorId\":\"square\",\"name\":\"Iso ${unique}\",\"sandbox\":true}"),
                RouteCase.of("GET", "/api/v1/oauth/callback", PUBLIC),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/connect-links", TENANT_WRITE, "{\"connectorId\":\"square\",\"redirectUrl\":\"https://iso.partner.example/back\",\"sandbox\":true}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/connect-links/{connectLinkId}", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/connections/{connectionId}", TENANT_READ),
                RouteCase.of("PUT", "/api/v1/tenants/{tenantId}/connections/{connectionId}", TENANT_WRITE, "{\"name\":\"Iso ${unique}\",\"config\":{\"url\":\"http://127.0.0.1:9/orders\",\"maxRetries\":0,\"timeoutSeconds\":2}}"),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/connections/{connectionId}/check", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/connections/{connectionId}/discover", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/connections/{connectionId}/files", TENANT_WRITE, "{\"note\":\"isolation ${unique}\"}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/connections/{connectionId}/files", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/connections/{connectionId}/files/{fileId}", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/connections/{connectionId}/files/{fileId}/content", TENANT_READ),
                RouteCase.of("DELETE", "/api/v1/tenants/{tenantId}/connections/{connectionId}/files/{fileId}", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/connections/{connectionId}/outputs", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/connections/{connectionId}/outputs/{object}/files/{file}", TENANT_READ),
                RouteCase.of("DELETE", "/api/v1/tenants/{tenantId}/connections/{connectionId}", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/connections/{connectionId}/webhook-subscription", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/connections/{connectionId}/webhook-subscription", TENANT_WRITE),
                RouteCase.of("PUT", "/api/v1/tenants/{tenantId}/connections/{connectionId}/webhook-subscription", TENANT_WRITE, "{\"signingSecret\":\"iso-${unique}\"}"),
                RouteCase.of("POST", "/api/v1/vendor-hooks/{routeId}", PUBLIC, "{\"type\":\"order.updated\",\"event_id\":\"${unique}\"}"),
                // Templates (DD-039): the catalog for anyone signed in, the install per tenant.
                RouteCase.of("GET", "/api/v1/templates", USER),
                RouteCase.of("GET", "/api/v1/templates/{templateId}", USER),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/templates/{templateId}/install", TENANT_WRITE, "{\"sourceConnectionId\":\"${posConnectionId}\",\"targetConnectionId\":\"${targetConnectionId}\",\"namePrefix\":\"Iso ${unique}\",\"schedule\":false}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/integrations", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/integrations", TENANT_WRITE, "{\"name\":\"Iso ${unique}\",\"sourceConnectionId\":\"${connectionId}\",\"sourceStream\":\"records\",\"targetConnectionId\":\"${targetConnectionId}\",\"targetObject\":\"orders\"}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/integrations/{integrationId}", TENANT_READ),
                RouteCase.of("PUT", "/api/v1/tenants/{tenantId}/integrations/{integrationId}", TENANT_WRITE, "{\"name\":\"Iso ${unique}\",\"sourceConnectionId\":\"${connectionId}\",\"sourceStream\":\"records\",\"targetConnectionId\":\"${targetConnectionId}\",\"targetObject\":\"orders\"}"),
                RouteCase.of("DELETE", "/api/v1/tenants/{tenantId}/integrations/{integrationId}", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/pause", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/resume", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/runs", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/runs", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/health", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/reconciliation", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/reconciliation.csv", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/health", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/connections/{connectionId}/health", TENANT_READ),
                // KPIs and ROI (issue 13, part 5)
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/kpis", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/kpis.csv", TENANT_READ),
                // Alerts, alert rules and alert channels.
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/alerts", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/alerts/{alertId}", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/alerts/{alertId}/acknowledge", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/alerts/{alertId}/snooze", TENANT_WRITE, "{\"until\":\"2099-01-01T00:00:00Z\"}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/alert-rules", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/alert-rules/{ruleId}", TENANT_READ),
                RouteCase.of("PUT", "/api/v1/tenants/{tenantId}/alert-rules/{ruleId}", TENANT_WRITE, "{\"threshold\":6}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/alert-channels", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/alert-channels", TENANT_WRITE, "{\"name\":\"Iso ${unique}\",\"kind\":\"email\",\"addresses\":[\"iso-${unique}@example.test\"]}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/alert-channels/{channelId}", TENANT_READ),
                RouteCase.of("PUT", "/api/v1/tenants/{tenantId}/alert-channels/{channelId}", TENANT_WRITE, "{\"name\":\"Renamed ${unique}\",\"kind\":\"email\",\"addresses\":[\"iso@example.test\"]}"),
                RouteCase.of("DELETE", "/api/v1/tenants/{tenantId}/alert-channels/{channelId}", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/alert-channels/{channelId}/test", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/alert-channels/{channelId}/deliveries", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/schedule", TENANT_READ),
                RouteCase.of("PUT", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/schedule", TENANT_WRITE, "{\"intervalSeconds\":7200}"),
                RouteCase.of("DELETE", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/schedule", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/webhook", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/webhook", TENANT_WRITE),
                RouteCase.of("DELETE", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/webhook", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/hooks/{endpointId}", PUBLIC, "{\"type\":\"order.created\",\"id\":\"${unique}\"}"),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/mappings", TENANT_WRITE, "{\"fields\":[{\"target\":\"id\",\"source\":\"id\"}]}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/mappings", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/mappings/{version}", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/mappings/{version}/pin", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/mappings/preview", TENANT_WRITE, "{\"spec\":{\"fields\":[{\"target\":\"id\",\"source\":\"id\"}]},\"records\":[{\"id\":\"${unique}\"}]}"),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/mappings/suggestions", TENANT_READ, "{\"source\":[{\"name\":\"item_code\",\"type\":\"string\"}],\"target\":[{\"name\":\"sku\",\"type\":\"string\"}]}"),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/integrations/{integrationId}/journal-preview", TENANT_READ, "{\"day\":\"2026-11-03\"}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/runs/{runId}", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/runs/{runId}/cancel", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/runs", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/runs/{runId}/replay", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/runs/{runId}/shadow-changes", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/runs/{runId}/shadow-summary", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/record-errors", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/record-errors/counts", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/record-errors/{errorId}", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/record-errors/retry", TENANT_WRITE, "{\"ids\":[\"${errorId}\"]}"),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/record-errors/{errorId}/retry", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/record-errors/{errorId}/resolve", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/record-errors/{errorId}/ignore", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/members", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/members/{userId}", TENANT_READ),
                RouteCase.of("PUT", "/api/v1/tenants/{tenantId}/members/{userId}", TENANT_WRITE, "{\"role\":\"operator\"}"),
                RouteCase.of("DELETE", "/api/v1/tenants/{tenantId}/members/{userId}", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/invitations", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/invitations", TENANT_WRITE, "{\"email\":\"invitee-${unique}@example.test\",\"role\":\"viewer\"}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/invitations/{invitationId}", TENANT_READ),
                RouteCase.of("DELETE", "/api/v1/tenants/{tenantId}/invitations/{invitationId}", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/partner-grants", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/partner-grants", TENANT_WRITE, "{\"partnerId\":\"${partnerId}\"}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/partner-grants/{partnerId}", TENANT_READ),
                RouteCase.of("DELETE", "/api/v1/tenants/{tenantId}/partner-grants/{partnerId}", TENANT_WRITE),
                // Outbound event webhooks.
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/webhook-subscriptions", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/webhook-subscriptions", TENANT_WRITE, "{\"url\":\"https://hooks.example.test/${unique}\",\"eventTypes\":[\"run.failed\"]}"),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/webhook-subscriptions/{subscriptionId}", TENANT_READ),
                RouteCase.of("PUT", "/api/v1/tenants/{tenantId}/webhook-subscriptions/{subscriptionId}", TENANT_WRITE, "{\"url\":\"https://hooks.example.test/${unique}\",\"eventTypes\":[\"run.failed\"],\"enabled\":false}"),
                RouteCase.of("DELETE", "/api/v1/tenants/{tenantId}/webhook-subscriptions/{subscriptionId}", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/webhook-subscriptions/{subscriptionId}/rotate-secret", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/webhook-subscriptions/{subscriptionId}/test", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/webhook-subscriptions/{subscriptionId}/deliveries", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/webhook-subscriptions/{subscriptionId}/deliveries/{deliveryId}", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/webhook-subscriptions/{subscriptionId}/deliveries/{deliveryId}/replay", TENANT_WRITE),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/webhook-subscriptions/{subscriptionId}/deliveries/replay-failed", TENANT_WRITE),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/audit-log", TENANT_READ),
                RouteCase.of("GET", "/api/v1/tenants/{tenantId}/audit-log/{entryId}", TENANT_READ),
                RouteCase.of("POST", "/api/v1/tenants/{tenantId}/audit-log/notes", TENANT_WRITE, "{\"text\":\"isolation note ${unique}\"}"))) {
            cases.put(c.key(), c);
        }
        return cases;
    }
}
