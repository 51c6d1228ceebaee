package io.tillbridge.partners;

import static io.tillbridge.partners.PartnerFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.partners.PartnerFixtures.Person;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.testing.ApiClient;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Partner accounts, as their owners create and read them over HTTP. */
@MicronautTest(transactional = false)
class PartnerAccountsIT extends TestDatabaseProperties {

    private static final String ACME = "{\"name\":\"Acme Integrations\",\"contactEmail\":\"dev@acme.example\"}";

    @Inject
    ApiClient api;

    @Inject
    PartnerFixtures fixtures;

    @Test
    void a_user_creates_a_partner_account_that_it_owns() {
        Person owner = fixtures.user();
        var response = fixtures.post("/api/v1/partners", owner.token(), ACME);
        assertThat(response.status()).isEqualTo(201);
        var body = response.json();
        assertThat(body).containsEntry("name", "Acme Integrations").containsEntry("contactEmail", "dev@acme.example");
        assertThat(response.header("Location")).hasValue("/api/v1/partners/" + body.get("id"));
        assertThat(rows("SELECT owner_user_id FROM partners WHERE id = ?", UUID.fromString((String) body.get("id"))))
                .containsExactly(List.of(owner.id()));
    }

    @Test
    void a_user_lists_only_the_partners_it_owns() {
        Person owner = fixtures.user();
        UUID mine = fixtures.createPartner(owner);
        fixtures.createPartner(fixtures.user());
        var response = fixtures.get("/api/v1/partners", owner.token());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.items()).extracting(p -> p.get("id")).containsExactly(mine.toString());
    }

    @Test
    void the_partner_list_pages_with_a_cursor() {
        Person owner = fixtures.user();
        UUID first = fixtures.createPartner(owner);
        UUID second = fixtures.createPartner(owner);
        var page1 = fixtures.get("/api/v1/partners?limit=1", owner.token()).json();
        var page2 = fixtures.get("/api/v1/partners?limit=1&cursor=" + page1.get("nextCursor"), owner.token());
        assertThat(page2.items()).extracting(p -> p.get("id")).containsExactly(second.toString());
        assertThat(page1.toString()).contains(first.toString());
    }

    @Test
    void the_owner_reads_its_partner() {
        Person owner = fixtures.user();
        UUID partner = fixtures.createPartner(owner);
        var response = fixtures.get("/api/v1/partners/" + partner, owner.token());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("id", partner.toString());
    }

    @Test
    void another_users_partner_answers_404() {
        UUID partner = fixtures.createPartner(fixtures.user());
        var response = fixtures.get("/api/v1/partners/" + partner, fixtures.user().token());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void creating_a_partner_is_audited() {
        Person owner = fixtures.user();
        UUID partner = fixtures.createPartner(owner);
        assertThat(rows("SELECT actor_kind, actor_id, tenant_id FROM audit_log WHERE action = 'partner.created'"
                + " AND target_id = ?", partner.toString()))
                .containsExactly(java.util.Arrays.asList("user", owner.id().toString(), null));
    }

    @Test
    void a_retry_with_the_same_idempotency_key_creates_no_second_partner() {
        Person owner = fixtures.user();
        var first = fixtures.post("/api/v1/partners", owner.token(), ACME, "Idempotency-Key", "partner-1");
        var retry = fixtures.post("/api/v1/partners", owner.token(), ACME, "Idempotency-Key", "partner-1");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(rows("SELECT id FROM partners WHERE owner_user_id = ?", owner.id())).hasSize(1);
    }

    @Test
    void an_invalid_contact_email_answers_400_naming_the_field() {
        var response = fixtures.post("/api/v1/partners", fixtures.user().token(),
                "{\"name\":\"Acme\",\"contactEmail\":\"not-an-address\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("/problems/validation-failed").contains("\"field\":\"contactEmail\"");
    }

    @Test
    void a_partner_key_cannot_manage_partner_accounts() {
        Person owner = fixtures.user();
        String key = fixtures.key(fixtures.partner(owner), "admin");
        var response = fixtures.post("/api/v1/partners", key, ACME);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("/problems/forbidden");
    }

    @Test
    void an_anonymous_caller_answers_401() {
        assertThat(fixtures.get("/api/v1/partners", null).status()).isEqualTo(401);
    }
}
