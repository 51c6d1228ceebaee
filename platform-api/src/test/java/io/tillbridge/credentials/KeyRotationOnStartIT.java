package io.tillbridge.credentials;

import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.tillbridge.credentials.internal.SecretRepository;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Rotation as an operator runs it: a process started with a new active KEK and the old one as
 * previous re-wraps every data key by itself, and the secrets then open with the new KEK alone.
 */
class KeyRotationOnStartIT extends TestDatabaseProperties {

    private static final String NEW_KEK = KeyEncryptionKeys.generate("kek-rolled-b");

    @Test
    void a_worker_started_with_a_new_kek_rewraps_every_data_key_in_the_background() throws Exception {
        TenantId tenant = new TenantId(newTenant("Rotating Deli"));
        UUID connection = UUID.randomUUID();
        Map<String, Object> before = new HashMap<>(getProperties());
        try (ApplicationContext old = ApplicationContext.run(before, "test")) {
            TenantTransactions transactions = old.getBean(TenantTransactions.class);
            transactions.write(tenant, c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO connections (tenant_id, id, connector_id,"
                        + " name, config) VALUES (?, ?, 'http-json', 'Rotated', '{}'::jsonb)")) {
                    ps.setObject(1, tenant.value());
                    ps.setObject(2, connection);
                    ps.executeUpdate();
                }
                old.getBean(SecretVault.class).put(c, tenant, connection, "bearerToken", Secret.of("tok-rotated"));
                return null;
            });
            assertThat(old.getBean(KeyRotationOnStart.class).rotation().get()).as("one KEK: nothing to do").isNull();
        }

        Map<String, Object> rolled = new HashMap<>(before);
        rolled.put(KeyEncryptionKeys.ACTIVE_PROPERTY, NEW_KEK);
        rolled.put(KeyEncryptionKeys.PREVIOUS_PROPERTY, TEST_KEK);
        try (ApplicationContext context = ApplicationContext.run(rolled, "test")) {
            SecretVault.Rotation rotation = context.getBean(KeyRotationOnStart.class).rotation().get(60, TimeUnit.SECONDS);
            assertThat(rotation.rewrapped()).isPositive();
            TenantTransactions transactions = context.getBean(TenantTransactions.class);
            assertThat(kekIds(transactions, tenant)).containsOnly("kek-rolled-b");
            SecretVault newOnly = new SecretVault(KeyEncryptionKeys.of(NEW_KEK), transactions,
                    context.getBean(SecretRepository.class));
            Map<String, Secret> opened = transactions.read(tenant, c -> newOnly.open(c, tenant, connection));
            assertThat(opened).containsEntry("bearerToken", Secret.of("tok-rotated"));
        } finally {
            // Other test classes share this database and know only the test KEK: give every secret back to it.
            Map<String, Object> back = new HashMap<>(before);
            back.put(KeyEncryptionKeys.PREVIOUS_PROPERTY, NEW_KEK);
            try (ApplicationContext context = ApplicationContext.run(back, "test")) {
                assertThat(context.getBean(KeyRotationOnStart.class).rotation().get(60, TimeUnit.SECONDS).failed())
                        .isZero();
            }
        }
    }

    private static List<String> kekIds(TenantTransactions transactions, TenantId tenant) {
        return transactions.read(tenant, c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT kek_id FROM connection_secrets");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }
}
