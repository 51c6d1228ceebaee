package io.tillbridge.audit;

import static io.tillbridge.audit.TestFixtures.auditRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.platform.TestDatabaseProperties;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tenant's audit log over real HTTP: filters, cursor pages, isolation, notes, and no way to change it. */
@MicronautTest(transactional = false)
class AuditLogIT extends TestDatabaseProperties {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    AccessTokens tokens;

    private TestApi api;

    /** A free port, so that test runs in parallel do not collide on the configured one. */
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", "-1");
    }
    private TestFixtures.Tenant tenant;
    private TestFixtures.Tenant otherTenant;
    private String adminToken;
    private String viewerToken;
    private String otherOwnerToken;
    private String path;
    private final Instant base = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private long created;
    private long updated;
    private long settings;
    private long otherTenantsEntry;

    @BeforeAll
    void a_tenant_with_history() {
        api = new TestApi(server.getURI(), json, tokens);
        tenant = TestFixtures.tenant("Audited");
        otherTenant = TestFixtures.tenant("Elsewhere");
        adminToken = api.merchantToken(TestFixtures.member(tenant, "admin"));
        viewerToken = api.merchantToken(TestFixtures.member(tenant, "viewer"));
        otherOwnerToken = api.merchantToken(TestFixtures.member(otherTenant, "owner"));
        path = "/api/v1/tenants/" + tenant.id() + "/audit-log";
        created = auditRow(tenant, "user", "user-1", "location.created", "location", "loc-1", base, null,
                "{\"name\": \"Main Street\", \"timeZone\": \"Europe/Berlin\"}");
        updated = auditRow(tenant, "partner", "key-7", "location.updated", "location", "loc-1",
                base.plus(1, ChronoUnit.HOURS), "{\"name\": \"Main Street\"}", "{\"name\": \"Main St.\", \"hours\": [8, 18]}");
        settings = auditRow(tenant, "system", "scheduler", "settings.updated", "tenant-settings", tenant.id().toString(),
                base.plus(2, ChronoUnit.HOURS), null, "{\"apiKey\": \"[redacted]\"}");
        otherTenantsEntry = auditRow(otherTenant, "user", "user-9", "location.created", "location", "loc-9", base, null, null);
    }

    @Test
    void a_member_reads_the_tenants_audit_log_newest_first() {
        TestApi.Reply reply = api.get(path + "?from=" + base + "&to=" + base.plus(3, ChronoUnit.HOURS), viewerToken);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply)).containsExactly(settings, updated, created);
    }

    @Test
    void an_entry_shows_its_actor_target_and_states_as_json_objects() {
        Map<String, Object> entry = only(api.get(path + "?action=location.updated", viewerToken));

        assertThat(entry).containsEntry("action", "location.updated").containsEntry("targetType", "location")
                .containsEntry("targetId", "loc-1").containsEntry("tenantId", tenant.id().toString());
        assertThat(entry.get("occurredAt")).isEqualTo(base.plus(1, ChronoUnit.HOURS).toString());
        assertThat(entry.get("actor")).isEqualTo(Map.of("kind", "partner", "id", "key-7"));
        assertThat(entry.get("before")).isEqualTo(Map.of("name", "Main Street"));
        assertThat(entry.get("after")).isEqualTo(Map.of("name", "Main St.", "hours", List.of(8, 18)));
    }

    @Test
    void the_action_filter_matches_exactly() {
        assertThat(ids(api.get(path + "?action=location.created", viewerToken))).containsExactly(created);
    }

    @Test
    void an_action_filter_ending_in_a_star_matches_a_prefix() {
        assertThat(ids(api.get(path + "?action=location.*", viewerToken))).containsExactly(updated, created);
    }

    @Test
    void the_actor_kind_filter_keeps_that_kind_of_actor() {
        assertThat(ids(api.get(path + "?actorKind=system", viewerToken))).containsExactly(settings);
    }

    @Test
    void the_actor_id_filter_keeps_that_actor() {
        assertThat(ids(api.get(path + "?actorId=key-7", viewerToken))).containsExactly(updated);
    }

    @Test
    void the_target_type_filter_keeps_that_kind_of_target() {
        assertThat(ids(api.get(path + "?targetType=tenant-settings", viewerToken))).containsExactly(settings);
    }

    @Test
    void from_is_inclusive_and_to_is_exclusive() {
        TestApi.Reply reply = api.get(path + "?from=" + base.plus(1, ChronoUnit.HOURS)
                + "&to=" + base.plus(2, ChronoUnit.HOURS), viewerToken);
        assertThat(ids(reply)).containsExactly(updated);
    }

    @Test
    void pages_follow_the_cursor_without_gaps_or_repeats_even_at_the_same_instant() {
        TestFixtures.Tenant paged = TestFixtures.tenant("Paged");
        String token = api.merchantToken(TestFixtures.member(paged, "viewer"));
        Instant sameInstant = base.plus(30, ChronoUnit.MINUTES);
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(0, auditRow(paged, "user", "u", "paging.checked", null, null, sameInstant, null, null));
        }
        List<Long> read = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestApi.Reply reply = api.get("/api/v1/tenants/" + paged.id() + "/audit-log?action=paging.checked&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(reply.status()).isEqualTo(200);
            read.addAll(ids(reply));
            cursor = (String) reply.get("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(read).isEqualTo(written);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void another_tenants_audit_log_answers_404() {
        TestApi.Reply reply = api.get(path, otherOwnerToken);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.problemType()).isEqualTo("/problems/not-found");
    }

    @Test
    void another_tenants_entry_by_id_answers_404() {
        assertThat(api.get(path + "/" + otherTenantsEntry, viewerToken).status()).isEqualTo(404);
    }

    @Test
    void one_entry_is_shown_by_its_id() {
        TestApi.Reply reply = api.get(path + "/" + created, viewerToken);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.get("action")).isEqualTo("location.created");
    }

    @Test
    void without_a_token_the_audit_log_answers_401() {
        assertThat(api.get(path, null).status()).isEqualTo(401);
    }

    @Test
    void an_unknown_actor_kind_answers_400() {
        TestApi.Reply reply = api.get(path + "?actorKind=robot", viewerToken);

        assertThat(reply.status()).isEqualTo(400);
        assertThat((String) reply.get("detail")).contains("actorKind");
    }

    @Test
    void a_time_without_an_offset_answers_400() {
        assertThat(api.get(path + "?from=2026-11-26T10:00:00", viewerToken).status()).isEqualTo(400);
    }

    @Test
    void a_cursor_this_api_did_not_issue_answers_400() {
        assertThat(api.get(path + "?cursor=bm90LWEtY3Vyc29y", viewerToken).status()).isEqualTo(400);
    }

    @Test
    void no_endpoint_changes_or_deletes_audit_entries() {
        for (String method : List.of("DELETE", "PUT", "PATCH")) {
            assertThat(api.send(method, path, adminToken, method.equals("DELETE") ? null : "{}").status())
                    .as(method + " on the audit log").isEqualTo(405);
            assertThat(api.send(method, path + "/" + created, adminToken, method.equals("DELETE") ? null : "{}").status())
                    .as(method + " on an entry").isEqualTo(405);
        }
        assertThat(TestFixtures.rows("SELECT action FROM audit_log WHERE id = ?", created))
                .containsExactly(List.of("location.created"));
    }

    @Test
    void an_admin_adds_a_note_that_is_recorded_with_its_author() {
        TestApi.Reply reply = api.post(path + "/notes", adminToken, "{\"text\": \"Moved the till to the back room.\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.get("action")).isEqualTo("note.added");
        assertThat(reply.get("after")).isEqualTo(Map.of("text", "Moved the till to the back room."));
        @SuppressWarnings("unchecked")
        Map<String, Object> actor = (Map<String, Object>) reply.get("actor");
        assertThat(actor).containsEntry("kind", "user").containsKey("label");
        assertThat(reply.raw().headers().firstValue("Location")).hasValue(path + "/" + reply.get("id"));
    }

    @Test
    void a_viewer_may_not_add_a_note() {
        TestApi.Reply reply = api.post(path + "/notes", viewerToken, "{\"text\": \"Not allowed\"}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.problemType()).isEqualTo("/problems/forbidden");
    }

    @Test
    void a_blank_note_answers_400() {
        TestApi.Reply reply = api.post(path + "/notes", adminToken, "{\"text\": \"  \"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("/problems/validation-failed");
    }

    @Test
    void a_note_retried_with_the_same_idempotency_key_is_recorded_once() {
        String text = "Retried note " + TestFixtures.random();
        Map<String, String> key = Map.of("Idempotency-Key", "note-" + TestFixtures.random());

        TestApi.Reply first = api.send("POST", path + "/notes", adminToken, "{\"text\": \"" + text + "\"}", key);
        TestApi.Reply again = api.send("POST", path + "/notes", adminToken, "{\"text\": \"" + text + "\"}", key);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.get("id")).isEqualTo(first.get("id"));
        assertThat(TestFixtures.rows("SELECT id FROM audit_log WHERE tenant_id = ? AND after->>'text' = ?",
                tenant.id(), text)).hasSize(1);
    }

    private static Map<String, Object> only(TestApi.Reply reply) {
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.items()).hasSize(1);
        return reply.items().get(0);
    }

    private static List<Long> ids(TestApi.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.items().stream().map(item -> ((Number) item.get("id")).longValue()).toList();
    }
}
