package io.tillbridge.tenants;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity of a tenant (a merchant's organisation). Always taken from a verified credential,
 * never from a request header or body.
 */
@Serdeable
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    public static TenantId of(String text) {
        return new TenantId(UUID.fromString(text));
    }

    public static TenantId random() {
        return new TenantId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
