package io.tillbridge.locations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /api/v1/tenants/{id}/locations through real HTTP and PostgreSQL. */
@MicronautTest(transactional = false)
class LocationsIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants(TenantRole.ADMIN, TenantRole.VIEWER);

    @Test
    void creating_a_location_answers_201_with_its_address_and_etag() {
        var response = api.post(tenants.admin(), path(), location("Harbour Street", "Europe/Dublin", 5));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String id = (String) response.json().get("id");
        assertThat(response.header("Location")).hasValue(path() + "/" + id);
        assertThat(response.header("ETag")).hasValue("\"1\"");
        assertThat(response.json()).containsEntry("name", "Harbour Street").containsEntry("timeZone", "Europe/Dublin")
                .containsEntry("closeOutHour", 5).containsEntry("version", 1);
    }

    @Test
    void a_location_without_a_close_out_hour_closes_out_at_4() {
        var response = api.post(tenants.admin(), path(), Map.of("name", "Quay", "timeZone", "Europe/Dublin"));
        assertThat(response.json()).containsEntry("closeOutHour", 4);
    }

    @Test
    void a_retried_create_with_the_same_idempotency_key_creates_one_location() {
        var first = api.post(tenants.admin(), path(), location("Quay", "Europe/Dublin", 4), "Idempotency-Key", "loc-1");
        var retry = api.post(tenants.admin(), path(), location("Quay", "Europe/Dublin", 4), "Idempotency-Key", "loc-1");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(api.get(tenants.admin(), path()).items()).hasSize(1);
    }

    @Test
    void reading_a_location_answers_it_with_its_etag() {
        String id = create("Quay");
        var response = api.get(tenants.viewer(), path() + "/" + id);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).hasValue("\"1\"");
        assertThat(response.json()).containsEntry("name", "Quay");
    }

    @Test
    void changing_a_location_with_the_current_etag_saves_it() {
        String id = create("Quay");
        var response = api.put(tenants.admin(), path() + "/" + id, location("Quay Street", "America/New_York", 2), "If-Match", "\"1\"");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("ETag")).hasValue("\"2\"");
        assertThat(api.get(tenants.viewer(), path() + "/" + id).json()).containsEntry("name", "Quay Street")
                .containsEntry("timeZone", "America/New_York").containsEntry("closeOutHour", 2);
    }

    @Test
    void changing_a_location_with_a_stale_etag_answers_412() {
        String id = create("Quay");
        api.put(tenants.admin(), path() + "/" + id, location("First", "Europe/Dublin", 4), "If-Match", "\"1\"");
        var response = api.put(tenants.admin(), path() + "/" + id, location("Second", "Europe/Dublin", 4), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(412);
        assertThat(api.get(tenants.viewer(), path() + "/" + id).json()).containsEntry("name", "First");
    }

    @Test
    void changing_a_location_without_if_match_answers_428() {
        String id = create("Quay");
        assertThat(api.put(tenants.admin(), path() + "/" + id, location("No Tag", "Europe/Dublin", 4)).status()).isEqualTo(428);
    }

    @Test
    void deleting_a_location_with_the_current_etag_removes_it() {
        String id = create("Quay");
        assertThat(api.delete(tenants.admin(), path() + "/" + id, "If-Match", "\"1\"").status()).isEqualTo(204);
        assertThat(api.get(tenants.viewer(), path() + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void deleting_a_location_without_if_match_answers_428_and_keeps_it() {
        String id = create("Quay");
        assertThat(api.delete(tenants.admin(), path() + "/" + id).status()).isEqualTo(428);
        assertThat(api.get(tenants.viewer(), path() + "/" + id).status()).isEqualTo(200);
    }

    @Test
    void deleting_a_location_with_a_stale_etag_answers_412_and_keeps_it() {
        String id = create("Quay");
        api.put(tenants.admin(), path() + "/" + id, location("Renamed", "Europe/Dublin", 4), "If-Match", "\"1\"");
        assertThat(api.delete(tenants.admin(), path() + "/" + id, "If-Match", "\"1\"").status()).isEqualTo(412);
        assertThat(api.get(tenants.viewer(), path() + "/" + id).status()).isEqualTo(200);
    }

    @Test
    void an_unknown_time_zone_and_an_hour_out_of_range_answer_400_naming_both_fields() {
        var response = api.post(tenants.admin(), path(), location("Quay", "Europe/Atlantis", 24));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("/problems/validation-failed", "\"field\":\"timeZone\"",
                "\"field\":\"closeOutHour\"");
    }

    @Test
    void a_blank_name_answers_400_naming_the_field() {
        var response = api.post(tenants.admin(), path(), location("", "Europe/Dublin", 4));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"name\"");
    }

    @Test
    void the_list_comes_in_pages_joined_by_the_cursor_in_creation_order() {
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            created.add(create("Shop " + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = api.get(tenants.viewer(), path() + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.items().forEach(item -> seen.add((String) item.get("id")));
            cursor = (String) page.json().get("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void a_cursor_this_api_did_not_issue_answers_400() {
        assertThat(api.get(tenants.viewer(), path() + "?cursor=bm90LWEtY3Vyc29y").status()).isEqualTo(400);
    }

    @Test
    void creating_a_location_is_audited() {
        String id = create("Quay");
        var entries = TenantFixture.audit(tenants.id(), "location.created");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("target_id", id).containsEntry("actor_id", tenants.admin().id().toString());
        assertThat((String) entries.get(0).get("after")).contains("\"name\": \"Quay\"");
    }

    @Test
    void changing_a_location_is_audited_with_before_and_after() {
        String id = create("Quay");
        api.put(tenants.admin(), path() + "/" + id, location("Quay Street", "Europe/Dublin", 4), "If-Match", "\"1\"");
        var entries = TenantFixture.audit(tenants.id(), "location.changed");
        assertThat(entries).hasSize(1);
        assertThat((String) entries.get(0).get("before")).contains("\"name\": \"Quay\"");
        assertThat((String) entries.get(0).get("after")).contains("\"name\": \"Quay Street\"");
    }

    @Test
    void deleting_a_location_is_audited_with_what_it_was() {
        String id = create("Quay");
        api.delete(tenants.admin(), path() + "/" + id, "If-Match", "\"1\"");
        var entries = TenantFixture.audit(tenants.id(), "location.deleted");
        assertThat(entries).hasSize(1);
        assertThat((String) entries.get(0).get("before")).contains("\"name\": \"Quay\"");
        assertThat(entries.get(0).get("after")).isNull();
    }

    @Test
    void a_viewer_cannot_create_a_location() {
        assertThat(api.post(tenants.viewer(), path(), location("Quay", "Europe/Dublin", 4)).status()).isEqualTo(403);
        assertThat(api.get(tenants.viewer(), path()).items()).isEmpty();
    }

    @Test
    void a_tenant_id_in_the_body_is_ignored() {
        Map<String, Object> body = new HashMap<>(location("Quay", "Europe/Dublin", 4));
        body.put("tenantId", tenants.otherId().toString());
        var response = api.post(tenants.admin(), path(), body);
        assertThat(response.status()).isEqualTo(201);
        assertThat(api.get(tenants.viewer(), path()).items()).hasSize(1);
        assertThat(api.get(tenants.stranger(), "/api/v1/tenants/" + tenants.otherId() + "/locations").items()).isEmpty();
    }

    @Test
    void another_tenants_user_listing_the_locations_gets_404() {
        create("Quay");
        assertThat(api.get(tenants.stranger(), path()).status()).isEqualTo(404);
    }

    @Test
    void another_tenants_user_creating_a_location_gets_404() {
        assertThat(api.post(tenants.stranger(), path(), location("Intruder", "Europe/Dublin", 4)).status()).isEqualTo(404);
        assertThat(api.get(tenants.viewer(), path()).items()).isEmpty();
    }

    @Test
    void another_tenants_user_reading_a_location_gets_404() {
        String id = create("Quay");
        assertThat(api.get(tenants.stranger(), path() + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void another_tenants_user_changing_a_location_gets_404() {
        String id = create("Quay");
        var response = api.put(tenants.stranger(), path() + "/" + id, location("Taken", "Europe/Dublin", 4), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(404);
        assertThat(api.get(tenants.viewer(), path() + "/" + id).json()).containsEntry("name", "Quay");
    }

    @Test
    void another_tenants_user_deleting_a_location_gets_404() {
        String id = create("Quay");
        assertThat(api.delete(tenants.stranger(), path() + "/" + id, "If-Match", "\"1\"").status()).isEqualTo(404);
        assertThat(api.get(tenants.viewer(), path() + "/" + id).status()).isEqualTo(200);
    }

    @Test
    void a_location_of_another_tenant_is_not_found_through_ones_own_tenant() {
        String id = create("Quay");
        String otherPath = "/api/v1/tenants/" + tenants.otherId() + "/locations/" + id;
        assertThat(api.get(tenants.stranger(), otherPath).status()).isEqualTo(404);
        assertThat(api.put(tenants.stranger(), otherPath, location("Taken", "Europe/Dublin", 4), "If-Match", "\"1\"").status())
                .isEqualTo(404);
        assertThat(api.delete(tenants.stranger(), otherPath, "If-Match", "\"1\"").status()).isEqualTo(404);
        assertThat(api.get(tenants.viewer(), path() + "/" + id).json()).containsEntry("name", "Quay");
    }

    private String create(String name) {
        Response response = api.post(tenants.admin(), path(), location(name, "Europe/Dublin", 4));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    private String path() {
        return "/api/v1/tenants/" + tenants.id() + "/locations";
    }

    private static Map<String, Object> location(String name, String timeZone, int closeOutHour) {
        return Map.of("name", name, "timeZone", timeZone, "closeOutHour", closeOutHour);
    }
}
