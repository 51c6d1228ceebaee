package io.tillbridge.isolation;

import io.tillbridge.access.AccessTokens;
import io.tillbridge.migrations.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three tenants for the isolation test: A (the caller's), B (the victim's) and a suspended one,
 * each with an owner, a viewer and one resource of every kind that a route's path can name.
 */
final class IsolationFixture {

    /** One tenant and what lives in it; {@link #values} names a resource for each path variable. */
    record World(UUID tenant, UUID owner, String ownerToken, UUID viewer, String viewerToken, Map<String, String> values) {
    }

    private final World a;
    private final World b;
    private final World suspended;
    private final String ungrantedPartnerKey;
    private final Delegates delegatesOfB;
    private final URI api;
    private final HttpClient http;

    /**
     * Delegated access to one tenant: a granted partner key with every scope, and a support
     * impersonation token whose write access was confirmed.
     */
    record Delegates(String adminPartnerKey, String confirmedImpersonation) {
    }

    private IsolationFixture(World a, World b, World suspended, String ungrantedPartnerKey, Delegates delegatesOfB,
            URI api, HttpClient http) {
        this.a = a;
        this.b = b;
        this.suspended = suspended;
        this.ungrantedPartnerKey = ungrantedPartnerKey;
        this.delegatesOfB = delegatesOfB;
        this.api = api;
        this.http = http;
    }

    static IsolationFixture create(AccessTokens tokens, URI api, HttpClient http) {
        try (Connection c = TestDatabase.shared().owner().connect()) {
            World a = world(c, tokens, "a", false);
            World b = world(c, tokens, "b", false);
            World s = world(c, tokens, "s", true);
            UUID outsider = user(c, "outsider");
            String key = PartnerKeys.create(c, api, http, tokens, outsider, "Ungranted partner");
            return new IsolationFixture(a, b, s, key, delegates(c, tokens, api, http, b), api, http);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    World a() {
        return a;
    }

    World b() {
        return b;
    }

    World suspended() {
        return suspended;
    }

    String ungrantedPartnerKey() {
        return ungrantedPartnerKey;
    }

    Delegates delegatesOfB() {
        return delegatesOfB;
    }

    private static Delegates delegates(Connection c, AccessTokens tokens, URI api, HttpClient http, World world)
            throws SQLException {
        UUID partnerOwner = user(c, "delegate");
        String key = PartnerKeys.create(c, api, http, tokens, partnerOwner, "Granted partner");
        exec(c, "INSERT INTO partner_grants (tenant_id, partner_id, granted_by)"
                + " SELECT ?, id, ? FROM partners WHERE owner_user_id = ?", world.tenant(), world.owner(), partnerOwner);
        UUID support = user(c, "delegate-support");
        UUID impersonation = UUID.randomUUID();
        exec(c, "INSERT INTO impersonations (id, support_user_id, tenant_id, reason, expires_at, write_confirmed_at)"
                + " VALUES (?, ?, ?, 'isolation test', ?, now())", impersonation, support, world.tenant(),
                java.sql.Timestamp.from(Instant.now().plusSeconds(3_600)));
        String token = tokens.forSupport(support, "delegate-support@example.test", impersonation,
                new io.tillbridge.tenants.TenantId(world.tenant()), Instant.now().plusSeconds(3_600)).token();
        return new Delegates(key, token);
    }

    /** The value of a path variable in a world; a new variable name needs a resource here. */
    String value(String variable, World world) {
        String value = world.values().get(variable);
        if (value == null) {
            throw new IllegalStateException("The isolation fixture has no resource for path variable {" + variable
                    + "}: create one per world in IsolationFixture.world");
        }
        return value;
    }

    /** A body template with {@code ${name}} placeholders filled from the world's values. */
    String expand(String template, World world) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = "unique".equals(name) ? UUID.randomUUID().toString().substring(0, 8) : value(name, world);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The current ETag of the resource at {@code path}, read by the world's owner; "1" when none. */
    String currentETag(RouteCase c, World world, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.resolve(path))
                    .header("Authorization", "Bearer " + world.ownerToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.headers().firstValue("ETag").orElse("\"1\"");
        } catch (Exception e) {
            return "\"1\"";
        }
    }

    long auditEntries(UUID tenant) throws SQLException {
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log WHERE tenant_id = ?"
                        + " AND action <> 'security.cross-tenant-refused'")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long refusalsRecorded(UUID tenant) throws SQLException {
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM audit_log WHERE tenant_id = ?"
                        + " AND action = 'security.cross-tenant-refused'")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    boolean lastRefusalNames(UUID target, UUID callerTenant) throws SQLException {
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement("SELECT after->>'targetTenant', jsonb_exists(after->'callerTenants', ?)"
                        + " FROM audit_log WHERE tenant_id = ? AND action = 'security.cross-tenant-refused'"
                        + " ORDER BY id DESC LIMIT 1")) {
            ps.setString(1, callerTenant.toString());
            ps.setObject(2, target);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && target.toString().equals(rs.getString(1)) && rs.getBoolean(2);
            }
        }
    }

    private static World world(Connection c, AccessTokens tokens, String name, boolean suspend) throws SQLException {
        UUID tenant = UUID.randomUUID();
        String slug = "iso-" + name + "-" + tenant.toString().substring(0, 8);
        exec(c, "INSERT INTO tenants (id, slug, name, status) VALUES (?, ?, ?, ?)", tenant, slug, "Isolation " + name,
                suspend ? "suspended" : "active");
        UUID owner = user(c, name + "-owner");
        UUID viewer = user(c, name + "-viewer");
        exec(c, "INSERT INTO memberships (tenant_id, user_id, role) VALUES (?, ?, 'owner')", tenant, owner);
        exec(c, "INSERT INTO memberships (tenant_id, user_id, role) VALUES (?, ?, 'viewer')", tenant, viewer);
        Map<String, String> values = new HashMap<>();
        values.put("tenantId", tenant.toString());
        values.put("userId", viewer.toString());
        values.put("slug", slug);
        c.setAutoCommit(false);
        exec(c, "SELECT set_config('app.tenant_id', ?, true)", tenant.toString());
        exec(c, "INSERT INTO tenant_settings (tenant_id, business_name) VALUES (?, ?)", tenant, "Isolation " + name);
        UUID location = UUID.randomUUID();
        exec(c, "INSERT INTO locations (tenant_id, id, name, time_zone) VALUES (?, ?, 'Main', 'Europe/Paris')", tenant, location);
        values.put("locationId", location.toString());
        UUID invitation = UUID.randomUUID();
        exec(c, "INSERT INTO invitations (tenant_id, id, email, role, token_hash, expires_at) VALUES (?, ?, ?, 'viewer', ?, ?)",
                tenant, invitation, name + "-invitee@example.test", UUID.randomUUID().toString().getBytes(),
                java.sql.Timestamp.from(Instant.now().plusSeconds(86_400)));
        values.put("invitationId", invitation.toString());
        UUID connection = UUID.randomUUID();
        exec(c, "INSERT INTO connections (tenant_id, id, connector_id, name, config) VALUES (?, ?, 'http-json', 'Iso',"
                + " '{\"url\":\"http://127.0.0.1:9/orders\",\"maxRetries\":0,\"timeoutSeconds\":2}'::jsonb)", tenant, connection);
        values.put("connectionId", connection.toString());
        UUID targetConnection = UUID.randomUUID();
        exec(c, "INSERT INTO connections (tenant_id, id, connector_id, name, config) VALUES (?, ?, 'postgres-warehouse',"
                + " 'Iso warehouse', '{\"jdbcUrl\":\"jdbc:postgresql://127.0.0.1:9/none\",\"user\":\"iso\",\"schema\":\"iso\"}'::jsonb)",
                tenant, targetConnection);
        values.put("targetConnectionId", targetConnection.toString());
        // A POS connection (nothing listens at its address: installing a template does not call it).
        UUID posConnection = UUID.randomUUID();
        exec(c, "INSERT INTO connections (tenant_id, id, connector_id, name, config) VALUES (?, ?, 'square', 'Iso POS',"
                + " '{\"baseUrl\":\"http://127.0.0.1:9/\"}'::jsonb)", tenant, posConnection);
        values.put("posConnectionId", posConnection.toString());
        values.put("templateId", "pos-orders-to-warehouse");
        // An uploaded file (one chunk) and an output file of the connection (DD-038).
        UUID file = UUID.randomUUID();
        exec(c, "INSERT INTO connection_file_chunks (tenant_id, file_id, n, data) VALUES (?, ?, 0, ?)", tenant, file,
                "id,total\n1,1.00\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        exec(c, "INSERT INTO connection_files (tenant_id, id, connection_id, sequence, name, size, sha256, chunk_size,"
                + " uploaded_at, uploaded_by) VALUES (?, ?, ?, 1, 'iso.csv', 16, ?, 1048576, now(), 'system:isolation')",
                tenant, file, connection, "0".repeat(64));
        values.put("fileId", file.toString());
        exec(c, "INSERT INTO output_objects (tenant_id, connection_id, object, columns) VALUES (?, ?, 'orders',"
                + " ARRAY['id'])", tenant, connection);
        exec(c, "INSERT INTO output_rows (tenant_id, connection_id, object, file, key, cells, hash) VALUES (?, ?,"
                + " 'orders', 'orders-1', 'k1', '{\"id\":\"1\"}'::jsonb, ?)", tenant, connection, new byte[32]);
        values.put("object", "orders");
        values.put("file", "orders-1");
        UUID integration = UUID.randomUUID();
        exec(c, "INSERT INTO integrations (tenant_id, id, name, source_connection_id, source_stream, target_connection_id,"
                + " target_object) VALUES (?, ?, 'Iso', ?, 'records', ?, 'orders')", tenant, integration, connection,
                targetConnection);
        values.put("integrationId", integration.toString());
        exec(c, "INSERT INTO integration_schedules (tenant_id, integration_id, interval_seconds) VALUES (?, ?, 3600)",
                tenant, integration);
        // No endpoint has this id: the public receiving route answers 404 without a signature check.
        values.put("endpointId", UUID.randomUUID().toString());
        values.put("routeId", UUID.randomUUID().toString());
        exec(c, "INSERT INTO mapping_versions (tenant_id, integration_id, version, spec, created_by)"
                + " VALUES (?, ?, 1, '{\"fields\":[{\"target\":\"id\",\"source\":\"id\"}]}'::jsonb, 'user:iso')", tenant, integration);
        values.put("version", "1");
        UUID run = UUID.randomUUID();
        exec(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status, finished_at)"
                + " VALUES (?, ?, ?, 'manual', 'succeeded', now())", tenant, run, integration);
        exec(c, "INSERT INTO run_queue (run_id, tenant_id, status) VALUES (?, ?, 'succeeded')", run, tenant);
        values.put("runId", run.toString());
        UUID error = UUID.randomUUID();
        exec(c, "INSERT INTO record_errors (tenant_id, id, integration_id, run_id, source_key, category, message,"
                + " source_record) VALUES (?, ?, ?, ?, 'ord_1', 'rejected_by_target', 'refused',"
                + " '{\"stream\":\"records\",\"key\":\"ord_1\",\"version\":\"\",\"data\":{\"id\":1}}'::jsonb)",
                tenant, error, integration, run);
        values.put("errorId", error.toString());
        // A disabled webhook subscription (nothing is ever sent to it) with one failed delivery.
        UUID subscription = UUID.randomUUID();
        exec(c, "INSERT INTO webhook_subscriptions (tenant_id, id, url, event_types, enabled) VALUES (?, ?,"
                + " 'https://hooks.example.test/iso', ARRAY['run.failed'], false)", tenant, subscription);
        values.put("subscriptionId", subscription.toString());
        UUID delivery = UUID.randomUUID();
        exec(c, "INSERT INTO webhook_deliveries (tenant_id, id, subscription_id, event_id, event_type, occurred_at,"
                + " payload, status, attempts, created_at, finished_at) VALUES (?, ?, ?, ?, 'run.failed', now(), '{}'::jsonb,"
                + " 'failed', 1, now(), now())", tenant, delivery, subscription, UUID.randomUUID());
        values.put("deliveryId", delivery.toString());
        UUID rule = UUID.randomUUID();
        exec(c, "INSERT INTO alert_rules (tenant_id, id, integration_id, kind, threshold) VALUES (?, ?, ?, 'backlog', 5)",
                tenant, rule, integration);
        values.put("ruleId", rule.toString());
        UUID alert = UUID.randomUUID();
        exec(c, "INSERT INTO alerts (tenant_id, id, rule_id, integration_id, kind, subject, title, message, api_path,"
                + " portal_path, opened_at, last_notified_at) VALUES (?, ?, ?, ?, 'backlog', '', 'Iso', 'Iso', '/', '/',"
                + " now(), now())", tenant, alert, rule, integration);
        values.put("alertId", alert.toString());
        UUID channel = UUID.randomUUID();
        exec(c, "INSERT INTO alert_channels (tenant_id, id, name, kind, addresses) VALUES (?, ?, 'Iso', 'email',"
                + " ARRAY['iso@example.test'])", tenant, channel);
        values.put("channelId", channel.toString());
        c.commit();
        c.setAutoCommit(true);
        UUID partner = UUID.randomUUID();
        exec(c, "INSERT INTO partners (id, name, contact_email, owner_user_id) VALUES (?, ?, ?, ?)", partner,
                "Partner of " + name, name + "-partner@example.test", owner);
        exec(c, "INSERT INTO partner_grants (tenant_id, partner_id, granted_by) VALUES (?, ?, ?)", tenant, partner, owner);
        values.put("partnerId", partner.toString());
        UUID link = UUID.randomUUID();
        byte[] linkHash = new byte[32];
        new java.security.SecureRandom().nextBytes(linkHash);
        c.setAutoCommit(false);
        exec(c, "SELECT set_config('app.tenant_id', ?, true)", tenant.toString());
        exec(c, "INSERT INTO connect_links (tenant_id, id, token_hash, partner_id, partner_key_id, connector_id,"
                + " redirect_url, expires_at) VALUES (?, ?, ?, ?, ?, 'square', 'https://iso.partner.example/back', ?)",
                tenant, link, linkHash, partner, UUID.randomUUID(), java.sql.Timestamp.from(Instant.now().plusSeconds(900)));
        c.commit();
        c.setAutoCommit(true);
        values.put("connectLinkId", link.toString());
        values.put("keyId", UUID.randomUUID().toString());
        UUID support = user(c, name + "-support");
        UUID impersonation = UUID.randomUUID();
        exec(c, "INSERT INTO impersonations (id, support_user_id, tenant_id, reason, expires_at) VALUES (?, ?, ?, 'isolation test', ?)",
                impersonation, support, tenant, java.sql.Timestamp.from(Instant.now().plusSeconds(3_600)));
        values.put("impersonationId", impersonation.toString());
        values.put("id", impersonation.toString());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action)"
                + " VALUES (?, 'system', 'isolation-fixture', 'fixture.created') RETURNING id")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                values.put("entryId", Long.toString(rs.getLong(1)));
            }
        }
        return new World(tenant, owner, tokens.forUser(owner, name + "-owner@example.test", Optional.empty()).token(),
                viewer, tokens.forUser(viewer, name + "-viewer@example.test", Optional.empty()).token(), values);
    }

    static UUID user(Connection c, String name) throws SQLException {
        UUID id = UUID.randomUUID();
        exec(c, "INSERT INTO users (id, email, display_name) VALUES (?, ?, ?)", id,
                name + "-" + id.toString().substring(0, 8) + "@example.test", name);
        return id;
    }

    static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }
}
