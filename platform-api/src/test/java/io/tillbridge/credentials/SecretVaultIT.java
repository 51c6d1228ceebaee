package io.tillbridge.credentials;

import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static io.tillbridge.tenants.TenantFixture.rows;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.credentials.internal.SecretRepository;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The vault against PostgreSQL through the application role, under row-level security. */
@MicronautTest(transactional = false)
class SecretVaultIT extends TestDatabaseProperties {

    private static final String OLD_KEK = KeyEncryptionKeys.generate("kek-2026-a");
    private static final String NEW_KEK = KeyEncryptionKeys.generate("kek-2026-b");

    @Inject
    TenantTransactions transactions;

    @Inject
    SecretRepository repository;

    @Inject
    SecretVault vault;

    private TenantId tenant;
    private UUID connection;
    private TenantId otherTenant;
    private UUID otherConnection;

    @BeforeEach
    void two_tenants_with_a_connection_each() {
        tenant = new TenantId(newTenant("Vault shop"));
        connection = connection(tenant);
        otherTenant = new TenantId(newTenant("Other vault shop"));
        otherConnection = connection(otherTenant);
    }

    @Test
    void a_stored_secret_reads_back_and_is_not_stored_in_clear() {
        put(vault, tenant, connection, "bearerToken", "tok-round-trip-4711");
        assertThat(open(vault, tenant, connection)).containsEntry("bearerToken", Secret.of("tok-round-trip-4711"));
        Map<String, Object> row = stored(tenant, connection, "bearerToken");
        assertThat(new String((byte[]) row.get("ciphertext"), StandardCharsets.ISO_8859_1)).doesNotContain("tok-round-trip-4711");
        assertThat((byte[]) row.get("nonce")).hasSize(12);
        assertThat((byte[]) row.get("wrapped_dek")).hasSize(40);
        assertThat(row.get("kek_id")).isEqualTo("test-kek-1");
    }

    @Test
    void two_secrets_with_the_same_value_have_different_ciphertexts_and_data_keys() {
        put(vault, tenant, connection, "a", "same value");
        put(vault, tenant, connection, "b", "same value");
        assertThat((byte[]) stored(tenant, connection, "a").get("ciphertext"))
                .isNotEqualTo(stored(tenant, connection, "b").get("ciphertext"));
        assertThat((byte[]) stored(tenant, connection, "a").get("wrapped_dek"))
                .isNotEqualTo(stored(tenant, connection, "b").get("wrapped_dek"));
    }

    @Test
    void a_tampered_ciphertext_does_not_decrypt() {
        put(vault, tenant, connection, "bearerToken", "tok-tamper");
        flipFirstByte(tenant, "ciphertext");
        assertThatThrownBy(() -> open(vault, tenant, connection)).isInstanceOf(SecretDecryptionException.class)
                .hasMessageNotContaining("tok-tamper");
    }

    @Test
    void a_tampered_nonce_does_not_decrypt() {
        put(vault, tenant, connection, "bearerToken", "tok-tamper");
        flipFirstByte(tenant, "nonce");
        assertThatThrownBy(() -> open(vault, tenant, connection)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void a_tampered_wrapped_data_key_does_not_decrypt() {
        put(vault, tenant, connection, "bearerToken", "tok-tamper");
        flipFirstByte(tenant, "wrapped_dek");
        assertThatThrownBy(() -> open(vault, tenant, connection)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void rotation_leaves_a_damaged_data_key_as_it_is_and_rewraps_the_rest() {
        put(vault, tenant, connection, "bearerToken", "tok-damaged");
        flipFirstByte(tenant, "wrapped_dek");
        put(vault, otherTenant, otherConnection, "bearerToken", "tok-fine");
        try {
            SecretVault.Rotation rotation = vault(NEW_KEK, TestDatabaseProperties.TEST_KEK).rotate("kek-2026-b");
            assertThat(rotation.failed()).as("the damaged key").isGreaterThanOrEqualTo(1);
            assertThat(kekIds(tenant)).containsOnly("test-kek-1");
            assertThat(kekIds(otherTenant)).containsOnly("kek-2026-b");
            assertThat(open(vault(NEW_KEK), otherTenant, otherConnection)).containsEntry("bearerToken", Secret.of("tok-fine"));
        } finally {
            vault(TestDatabaseProperties.TEST_KEK, NEW_KEK).rewrap("test-kek-1");
            inTenant(tenant.value(), c -> update(c, "DELETE FROM connection_secrets WHERE tenant_id = ?", tenant.value()));
        }
    }

    @Test
    void a_ciphertext_moved_to_another_field_does_not_decrypt() {
        put(vault, tenant, connection, "bearerToken", "tok-moved");
        inTenant(tenant.value(), c -> update(c, "UPDATE connection_secrets SET field = 'authHeaderValue'"
                + " WHERE tenant_id = ? AND connection_id = ?", tenant.value(), connection));
        assertThatThrownBy(() -> open(vault, tenant, connection)).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void a_ciphertext_copied_to_another_tenants_row_does_not_decrypt_there() {
        put(vault, tenant, connection, "bearerToken", "tok-stolen");
        Map<String, Object> row = stored(tenant, connection, "bearerToken");
        inTenant(otherTenant.value(), c -> update(c, "INSERT INTO connection_secrets (tenant_id, connection_id, field,"
                + " ciphertext, nonce, wrapped_dek, kek_id) VALUES (?, ?, 'bearerToken', ?, ?, ?, ?)", otherTenant.value(),
                otherConnection, row.get("ciphertext"), row.get("nonce"), row.get("wrapped_dek"), row.get("kek_id")));
        assertThatThrownBy(() -> open(vault, otherTenant, otherConnection)).isInstanceOf(SecretDecryptionException.class);
        assertThat(open(vault, tenant, connection)).containsEntry("bearerToken", Secret.of("tok-stolen"));
    }

    @Test
    void another_tenant_sees_none_of_a_tenants_secrets() {
        put(vault, tenant, connection, "bearerToken", "tok-private");
        assertThat(open(vault, otherTenant, connection)).isEmpty();
    }

    @Test
    void a_secret_wrapped_by_an_unconfigured_kek_does_not_decrypt() {
        SecretVault old = vault(OLD_KEK);
        put(old, tenant, connection, "bearerToken", "tok-orphan");
        assertThatThrownBy(() -> open(vault(NEW_KEK), tenant, connection)).isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("kek-2026-a");
    }

    @Test
    void rotation_rewraps_every_data_key_without_touching_ciphertexts_and_the_old_kek_can_then_go() {
        SecretVault before = vault(OLD_KEK, TestDatabaseProperties.TEST_KEK);
        put(before, tenant, connection, "bearerToken", "tok-a");
        put(before, tenant, connection, "authHeaderValue", "hdr-a");
        put(before, otherTenant, otherConnection, "bearerToken", "tok-b");
        byte[] ciphertext = (byte[]) stored(tenant, connection, "bearerToken").get("ciphertext");

        SecretVault during = vault(NEW_KEK, OLD_KEK, TestDatabaseProperties.TEST_KEK);
        assertThat(open(during, tenant, connection)).containsEntry("bearerToken", Secret.of("tok-a"));
        put(during, tenant, connection, "written-during", "tok-new");
        assertThat(stored(tenant, connection, "written-during").get("kek_id")).isEqualTo("kek-2026-b");
        try {
            long rewrapped = during.rewrap("kek-2026-b");
            assertThat(rewrapped).isGreaterThanOrEqualTo(3);
            assertThat(kekIds(tenant)).containsOnly("kek-2026-b");
            assertThat(kekIds(otherTenant)).containsOnly("kek-2026-b");
            assertThat((byte[]) stored(tenant, connection, "bearerToken").get("ciphertext")).isEqualTo(ciphertext);
            assertThat(open(during, tenant, connection)).containsEntry("bearerToken", Secret.of("tok-a"));

            SecretVault after = vault(NEW_KEK);
            assertThat(open(after, tenant, connection)).containsEntry("bearerToken", Secret.of("tok-a"))
                    .containsEntry("authHeaderValue", Secret.of("hdr-a")).containsEntry("written-during", Secret.of("tok-new"));
            assertThat(open(after, otherTenant, otherConnection)).containsEntry("bearerToken", Secret.of("tok-b"));
            assertThat(during.rewrap("kek-2026-b")).as("a second run finds nothing to do").isZero();
        } finally {
            // Other test classes share this database and know only the test KEK: give their secrets back to it.
            vault(TestDatabaseProperties.TEST_KEK, NEW_KEK, OLD_KEK).rewrap("test-kek-1");
        }
    }

    @Test
    void rewrapping_to_an_unconfigured_kek_is_refused() {
        assertThatThrownBy(() -> vault.rewrap("no-such-kek")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secrets_and_keys_print_masked() {
        assertThat(Secret.of("tok-printed")).hasToString("****");
        assertThat(String.valueOf(Map.of("token", Secret.of("tok-printed")))).doesNotContain("tok-printed");
        assertThat(KeyEncryptionKeys.of(NEW_KEK).toString()).doesNotContain(NEW_KEK.substring(NEW_KEK.indexOf(':') + 1));
        assertThat(KeyEncryptionKeys.of(NEW_KEK).active().toString()).isEqualTo("Kek[kek-2026-b]");
    }

    @Test
    void a_kek_of_the_wrong_length_is_refused_at_start() {
        assertThatThrownBy(() -> KeyEncryptionKeys.of("short:" + java.util.Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
    }

    private SecretVault vault(String active, String... previous) {
        return new SecretVault(KeyEncryptionKeys.of(active, previous), transactions, repository);
    }

    private void put(SecretVault v, TenantId t, UUID conn, String field, String value) {
        transactions.write(t, c -> {
            v.put(c, t, conn, field, Secret.of(value));
            return null;
        });
    }

    private Map<String, Secret> open(SecretVault v, TenantId t, UUID conn) {
        return transactions.read(t, c -> v.open(c, t, conn));
    }

    private static UUID connection(TenantId t) {
        UUID id = UUID.randomUUID();
        inTenant(t.value(), c -> update(c, "INSERT INTO connections (tenant_id, id, connector_id, name) VALUES (?, ?, 'http-json', 'Vault test')",
                t.value(), id));
        return id;
    }

    private static Map<String, Object> stored(TenantId t, UUID conn, String field) {
        return inTenant(t.value(), c -> rows(c, "SELECT ciphertext, nonce, wrapped_dek, kek_id FROM connection_secrets"
                + " WHERE tenant_id = ? AND connection_id = ? AND field = ?", t.value(), conn, field).get(0));
    }

    private static List<Object> kekIds(TenantId t) {
        return inTenant(t.value(), c -> rows(c, "SELECT DISTINCT kek_id FROM connection_secrets WHERE tenant_id = ?", t.value()))
                .stream().map(r -> r.get("kek_id")).toList();
    }

    private static void flipFirstByte(TenantId t, String column) {
        inTenant(t.value(), c -> update(c, "UPDATE connection_secrets SET " + column + " = set_byte(" + column + ", 0,"
                + " get_byte(" + column + ", 0) # 1) WHERE tenant_id = ?", t.value()));
    }
}
