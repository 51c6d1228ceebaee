package io.tillbridge.credentials;

import io.tillbridge.tenants.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a secret belongs: one field of one connection of one tenant. It is the GCM additional
 * authenticated data of the secret's ciphertext, so a ciphertext copied to another tenant's,
 * connection's or field's row fails to decrypt.
 */
public record SecretBinding(TenantId tenant, UUID connectionId, String field) {

    private static final String SCHEME = "tillbridge/connection-secret/v1";

    public SecretBinding {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(field, "field");
    }

    /** The additional authenticated data: scheme, tenant, connection and field, NUL-separated. */
    byte[] aad() {
        return String.join("\u0000", SCHEME, tenant.toString(), connectionId.toString(), field)
                .getBytes(StandardCharsets.UTF_8);
    }
}
