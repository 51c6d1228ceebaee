package io.tillbridge.audit;

import static io.tillbridge.audit.TestFixtures.auditRow;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
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
    ApiClient api;

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
        tenant = TestFixtures.tenant("Audited");
        otherTenant = TestFixtures.tenant("Elsewhere");
        adminToken = api.token(TestFixtures.member(tenant, "admin"));
        viewerToken = api.token(TestFixtures.member(tenant, "viewer"));
        otherOwnerToken = api.token(TestFixtures.member(otherTenant, "owner"));
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
        Response reply = api.bearer(viewerToken).get(path + "?from=" + base + "&to=" + base.plus(3, ChronoUnit.HOURS));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply)).containsExactly(settings, updated, created);
    }

    @Test
    void an_entry_shows_its_actor_target_and_states_as_json_objects() {
        Map<String, Object> entry = only(api.bearer(viewerToken).get(path + "?action=location.updated"));

        assertThat(entry).containsEntry("action", "location.updated").containsEntry("targetType", "location")
                .containsEntry("targetId", "loc-1").containsEntry("tenantId", tenant.id().toString());
        assertThat(entry.get("occurredAt")).isEqualTo(base.plus(1, ChronoUnit.HOURS).toString());
        assertThat(entry.get("actor")).isEqualTo(Map.of("kind", "partner", "id", "key-7"));
        assertThat(entry.get("before")).isEqualTo(Map.of("name", "Main Street"));
        assertThat(entry.get("after")).isEqualTo(Map.of("name", "Main St.", "hours", List.of(8, 18)));
    }

    @Test
    void the_action_filter_matches_exactly() {
        assertThat(ids(api.bearer(viewerToken).get(path + "?action=location.created"))).containsExactly(created);
    }

    @Test
    void an_action_filter_ending_in_a_star_matches_a_prefix() {
        assertThat(ids(api.bearer(viewerToken).get(path + "?action=location.*"))).containsExactly(updated, created);
    }

    @Test
    void the_actor_kind_filter_keeps_that_kind_of_actor() {
        assertThat(ids(api.bearer(viewerToken).get(path + "?actorKind=system"))).containsExactly(settings);
    }

    @Test
    void the_actor_id_filter_keeps_that_actor() {
        assertThat(ids(api.bearer(viewerToken).get(path + "?actorId=key-7"))).containsExactly(updated);
    }

    @Test
    void the_target_type_filter_keeps_that_kind_of_target() {
        assertThat(ids(api.bearer(viewerToken).get(path + "?targetType=tenant-settings"))).containsExactly(settings);
    }

    @Test
    void from_is_inclusive_and_to_is_exclusive() {
        Response reply = api.bearer(viewerToken).get(path + "?from=" + base.plus(1, ChronoUnit.HOURS)
                + "&to=" + base.plus(2, ChronoUnit.HOURS));
        assertThat(ids(reply)).containsExactly(updated);
    }

    @Test
    void pages_follow_the_cursor_without_gaps_or_repeats_even_at_the_same_instant() {
        TestFixtures.Tenant paged = TestFixtures.tenant("Paged");
        String token = api.token(TestFixtures.member(paged, "viewer"));
        Instant sameInstant = base.plus(30, ChronoUnit.MINUTES);
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.add(0, auditRow(paged, "user", "u", "paging.checked", null, null, sameInstant, null, null));
        }
        List<Long> read = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response reply = api.bearer(token).get("/api/v1/tenants/" + paged.id() + "/audit-log?action=paging.checked&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
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
        Response reply = api.bearer(otherOwnerToken).get(path);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.problemType()).isEqualTo("/problems/not-found");
    }

    @Test
    void another_tenants_entry_by_id_answers_404() {
        assertThat(api.bearer(viewerToken).get(path + "/" + otherTenantsEntry).status()).isEqualTo(404);
    }

    @Test
    void one_entry_is_shown_by_its_id() {
        Response reply = api.bearer(viewerToken).get(path + "/" + created);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.get("action")).isEqualTo("location.created");
    }

    @Test
    void without_a_token_the_audit_log_answers_401() {
        assertThat(api.bearer(null).get(path).status()).isEqualTo(401);
    }

    @Test
    void an_unknown_actor_kind_answers_400() {
        Response reply = api.bearer(viewerToken).get(path + "?actorKind=robot");

        assertThat(reply.status()).isEqualTo(400);
        assertThat((String) reply.get("detail")).contains("actorKind");
    }

    @Test
    void a_time_without_an_offset_answers_400() {
        assertThat(api.bearer(viewerToken).get(path + "?from=2026-11-26T10:00:00").status()).isEqualTo(400);
    }

    @Test
    void a_cursor_this_api_did_not_issue_answers_400() {
        assertThat(api.bearer(viewerToken).get(path + "?cursor=bm90LWEtY3Vyc29y").status()).isEqualTo(400);
    }

    @Test
    void no_endpoint_changes_or_deletes_audit_entries() {
        for (String method : List.of("DELETE", "PUT", "PATCH")) {
            assertThat(api.bearer(adminToken).send(method, path, method.equals("DELETE") ? null : "{}").status())
                    .as(method + " on the audit log").isEqualTo(405);
            assertThat(api.bearer(adminToken).send(method, path + "/" + created, method.equals("DELETE") ? null : "{}").status())
                    .as(method + " on an entry").isEqualTo(405);
        }
        assertThat(TestFixtures.rows("SELECT action FROM audit_log WHERE id = ?", created))
                .containsExactly(List.of("location.created"));
    }

    @Test
    void an_admin_adds_a_note_that_is_recorded_with_its_author() {
        Response reply = api.bearer(adminToken).post(path + "/notes", "{\"text\": \"Moved the till to the back room.\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.get("action")).isEqualTo("note.added");
        assertThat(reply.get("after")).isEqualTo(Map.of("text", "Moved the till to the back room."));
        @SuppressWarnings("unchecked")
        Map<String, Object> actor = (Map<String, Object>) reply.get("actor");
        assertThat(actor).containsEntry("kind", "user").containsKey("label");
        assertThat(reply.header("Location")).hasValue(path + "/" + reply.get("id"));
    }

    @Test
    void a_viewer_may_not_add_a_note() {
        Response reply = api.bearer(viewerToken).post(path + "/notes", "{\"text\": \"Not allowed\"}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.problemType()).isEqualTo("/problems/forbidden");
    }

    @Test
    void a_blank_note_answers_400() {
        Response reply = api.bearer(adminToken).post(path + "/notes", "{\"text\": \"  \"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("/problems/validation-failed");
    }

    @Test
    void a_note_retried_with_the_same_idempotency_key_is_recorded_once() {
        String text = "Retried note " + TestFixtures.random();
        String key = "note-" + TestFixtures.random();

        Response first = api.bearer(adminToken).send("POST", path + "/notes", "{\"text\": \"" + text + "\"}", "Idempotency-Key", key);
        Response again = api.bearer(adminToken).send("POST", path + "/notes", "{\"text\": \"" + text + "\"}", "Idempotency-Key", key);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.get("id")).isEqualTo(first.get("id"));
        assertThat(TestFixtures.rows("SELECT id FROM audit_log WHERE tenant_id = ? AND after->>'text' = ?",
                tenant.id(), text)).hasSize(1);
    }

    private static Map<String, Object> only(Response reply) {
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.items()).hasSize(1);
        return reply.items().get(0);
    }

    private static List<Long> ids(Response reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.items().stream().map(item -> ((Number) item.get("id")).longValue()).toList();
    }
}
