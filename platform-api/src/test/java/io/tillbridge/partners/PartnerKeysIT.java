package io.tillbridge.partners;

import static io.tillbridge.partners.PartnerFixtures.rows;
import static io.tillbridge.partners.PartnerFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.BeanContext;
import io.micronaut.security.token.bearer.BearerTokenReader;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.partners.PartnerFixtures.Person;
import io.tillbridge.partners.web.JwtBearerTokenReader;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Partner API keys: issued once, listed without secrets, revoked at once, and accepted as credentials. */
@MicronautTest(transactional = false)
class PartnerKeysIT extends TestDatabaseProperties {

    private static final String KEY_FORMAT = "tbk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}";

    @Inject
    ApiClient api;

    @Inject
    BeanContext beans;

    @Inject
    PartnerFixtures fixtures;

    /** A partner with one key made through the API: its owner, ids and the full key. */
    private record Issued(Person owner, UUID partner, UUID keyId, String key, Response response) {
    }

    private Issued issue(String scopesJson, String... headers) {
        Person owner = fixtures.user();
        UUID partner = fixtures.createPartner(owner);
        Response response = fixtures.createKey(owner, partner, scopesJson, headers);
        Map<String, Object> body = response.json();
        return new Issued(owner, partner, UUID.fromString((String) body.get("id")), (String) body.get("key"), response);
    }

    @Test
    void a_new_key_is_shown_in_full_in_the_creating_response() {
        Issued issued = issue("[\"read\"]");
        assertThat(issued.response().status()).isEqualTo(201);
        assertThat(issued.key()).matches(KEY_FORMAT);
        Map<String, Object> body = issued.response().json();
        assertThat(issued.key()).startsWith("tbk_" + body.get("prefix") + "_");
        assertThat(body).containsEntry("scopes", List.of("read")).containsEntry("name", "sync");
        assertThat(issued.response().header("Cache-Control")).hasValue("no-store");
    }

    @Test
    void the_key_list_never_shows_a_secret() {
        Issued issued = issue("[\"read\",\"write\"]");
        var list = fixtures.get("/api/v1/partners/" + issued.partner() + "/keys", issued.owner().token());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.items()).singleElement().satisfies(k -> {
            assertThat(k).containsEntry("id", issued.keyId().toString()).containsEntry("scopes", List.of("read", "write"))
                    .containsKeys("prefix", "createdAt").doesNotContainKey("key");
        });
        assertThat(list.body()).doesNotContain(secretOf(issued.key()));
    }

    @Test
    void reading_one_key_never_shows_its_secret() {
        Issued issued = issue("[\"read\"]");
        var one = fixtures.get("/api/v1/partners/" + issued.partner() + "/keys/" + issued.keyId(), issued.owner().token());
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).doesNotContain(secretOf(issued.key())).doesNotContain("\"key\"");
    }

    @Test
    void a_replayed_key_creation_answers_without_the_secret() {
        Issued issued = issue("[\"read\"]", "Idempotency-Key", "key-1");
        var replay = fixtures.createKey(issued.owner(), issued.partner(), "[\"read\"]", "Idempotency-Key", "key-1");
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).hasValue("true");
        assertThat(replay.json()).containsEntry("id", issued.keyId().toString()).doesNotContainKey("key");
        assertThat(rows("SELECT id FROM partner_keys WHERE partner_id = ?", issued.partner())).hasSize(1);
    }

    @Test
    void the_database_keeps_only_the_prefix_and_the_hash_of_the_secret() throws Exception {
        Issued issued = issue("[\"read\"]", "Idempotency-Key", "key-stored");
        String secret = secretOf(issued.key());
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        assertThat(rows("SELECT secret_hash FROM partner_keys WHERE id = ?", issued.keyId()))
                .singleElement().satisfies(row -> assertThat((byte[]) row.get(0)).isEqualTo(expected));
        assertThat(rows("SELECT 1 FROM idempotency_records WHERE convert_from(body, 'UTF8') LIKE ?", "%" + secret + "%")).isEmpty();
        assertThat(rows("SELECT 1 FROM audit_log WHERE after::text LIKE ? OR before::text LIKE ?",
                "%" + secret + "%", "%" + secret + "%")).isEmpty();
    }

    @Test
    void a_key_authenticates_its_partner() {
        Issued issued = issue("[\"read\"]");
        var response = fixtures.get("/api/v1/partner/tenants", issued.key());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.items()).isEmpty();
    }

    @Test
    void a_revoked_key_answers_401_at_once() {
        Issued issued = issue("[\"read\"]");
        assertThat(fixtures.get("/api/v1/partner/tenants", issued.key()).status()).isEqualTo(200);
        var revoke = fixtures.delete("/api/v1/partners/" + issued.partner() + "/keys/" + issued.keyId(), issued.owner().token());
        assertThat(revoke.status()).isEqualTo(204);
        assertUnauthorized(fixtures.get("/api/v1/partner/tenants", issued.key()));
    }

    @Test
    void a_revoked_key_is_listed_with_its_revocation_time() {
        Issued issued = issue("[\"read\"]");
        fixtures.delete("/api/v1/partners/" + issued.partner() + "/keys/" + issued.keyId(), issued.owner().token());
        var list = fixtures.get("/api/v1/partners/" + issued.partner() + "/keys", issued.owner().token());
        assertThat(list.items()).singleElement().satisfies(k -> assertThat(k.get("revokedAt")).isNotNull());
    }

    @Test
    void a_tampered_secret_answers_401() {
        Issued issued = issue("[\"read\"]");
        String key = issued.key();
        char last = key.charAt(key.length() - 1);
        String tampered = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertUnauthorized(fixtures.get("/api/v1/partner/tenants", tampered));
    }

    @Test
    void an_unknown_prefix_answers_401() {
        Issued issued = issue("[\"read\"]");
        String unknown = "tbk_" + "zzzzzzzzzzzz" + issued.key().substring(16);
        assertUnauthorized(fixtures.get("/api/v1/partner/tenants", unknown));
    }

    @Test
    void a_malformed_partner_key_answers_401_not_500() {
        assertUnauthorized(fixtures.get("/api/v1/partner/tenants", "tbk_short"));
    }

    @Test
    void a_bad_key_is_refused_even_where_anonymous_callers_are_served() {
        assertUnauthorized(fixtures.get("/api/v1", "tbk_" + "a".repeat(12) + "_" + "b".repeat(43)));
    }

    @Test
    void signed_in_users_keep_authenticating_with_their_tokens_beside_keys() {
        Issued issued = issue("[\"read\"]");
        assertThat(fixtures.get("/api/v1/partners/" + issued.partner(), issued.owner().token()).status()).isEqualTo(200);
        assertThat(fixtures.get("/api/v1/partner/tenants", issued.key()).status()).isEqualTo(200);
    }

    @Test
    void the_jwt_side_reads_bearer_tokens_only_through_the_reader_blind_to_keys() {
        assertThat(beans.getBeansOfType(TokenReader.class))
                .filteredOn(reader -> reader instanceof BearerTokenReader)
                .singleElement().isInstanceOf(JwtBearerTokenReader.class);
    }

    @Test
    void a_forged_token_that_is_not_a_key_still_answers_401() {
        assertUnauthorized(fixtures.get("/api/v1/partners", "not-a-jwt"));
    }

    @Test
    void the_first_use_of_a_key_is_recorded() {
        Issued issued = issue("[\"read\"]");
        assertThat(rows("SELECT last_used_at FROM partner_keys WHERE id = ?", issued.keyId()))
                .containsExactly(java.util.Collections.singletonList(null));
        fixtures.get("/api/v1/partner/tenants", issued.key());
        var list = fixtures.get("/api/v1/partners/" + issued.partner() + "/keys", issued.owner().token());
        assertThat(list.items().get(0).get("lastUsedAt")).isNotNull();
    }

    @Test
    void uses_within_a_minute_write_last_used_at_once() {
        Issued issued = issue("[\"read\"]");
        fixtures.get("/api/v1/partner/tenants", issued.key());
        Object first = rows("SELECT last_used_at FROM partner_keys WHERE id = ?", issued.keyId()).get(0).get(0);
        fixtures.get("/api/v1/partner/tenants", issued.key());
        fixtures.get("/api/v1/partner/tenants", issued.key());
        assertThat(rows("SELECT last_used_at FROM partner_keys WHERE id = ?", issued.keyId()).get(0).get(0)).isEqualTo(first);
    }

    @Test
    void a_use_more_than_a_minute_after_the_last_is_recorded_again() {
        Issued issued = issue("[\"read\"]");
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        sql("UPDATE partner_keys SET last_used_at = ? WHERE id = ?", Timestamp.from(longAgo), issued.keyId());
        fixtures.get("/api/v1/partner/tenants", issued.key());
        Timestamp recorded = (Timestamp) rows("SELECT last_used_at FROM partner_keys WHERE id = ?", issued.keyId()).get(0).get(0);
        assertThat(recorded.toInstant()).isAfter(longAgo.plus(Duration.ofMinutes(4)));
    }

    @Test
    void creating_and_revoking_a_key_are_audited_without_the_secret() {
        Issued issued = issue("[\"read\"]");
        fixtures.delete("/api/v1/partners/" + issued.partner() + "/keys/" + issued.keyId(), issued.owner().token());
        List<List<Object>> entries = rows("SELECT action, actor_id, after::text FROM audit_log WHERE target_id = ?"
                + " ORDER BY id", issued.keyId().toString());
        assertThat(entries).extracting(r -> r.get(0)).containsExactly("partner-key.created", "partner-key.revoked");
        assertThat(entries).allSatisfy(r -> {
            assertThat(r.get(1)).isEqualTo(issued.owner().id().toString());
            assertThat((String) r.get(2)).contains(issued.key().substring(4, 16)).doesNotContain(secretOf(issued.key()));
        });
    }

    @Test
    void another_users_partner_keys_answer_404() {
        Issued issued = issue("[\"read\"]");
        Person stranger = fixtures.user();
        assertThat(fixtures.get("/api/v1/partners/" + issued.partner() + "/keys", stranger.token()).status()).isEqualTo(404);
        assertThat(fixtures.createKey(stranger, issued.partner(), "[\"admin\"]").status()).isEqualTo(404);
        assertThat(fixtures.delete("/api/v1/partners/" + issued.partner() + "/keys/" + issued.keyId(), stranger.token())
                .status()).isEqualTo(404);
    }

    @Test
    void a_key_cannot_issue_keys() {
        Issued issued = issue("[\"admin\"]");
        var response = fixtures.post("/api/v1/partners/" + issued.partner() + "/keys", issued.key(),
                "{\"name\":\"more\",\"scopes\":[\"admin\"]}");
        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void an_unknown_scope_answers_400_naming_the_field() {
        Person owner = fixtures.user();
        var response = fixtures.createKey(owner, fixtures.createPartner(owner), "[\"superuser\"]");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("/problems/validation-failed").contains("scopes");
    }

    @Test
    void a_key_needs_a_scope() {
        Person owner = fixtures.user();
        assertThat(fixtures.createKey(owner, fixtures.createPartner(owner), "[]").status()).isEqualTo(400);
    }

    private void assertUnauthorized(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("/problems/unauthorized");
    }

    private static String secretOf(String key) {
        return key.substring(17);
    }
}
