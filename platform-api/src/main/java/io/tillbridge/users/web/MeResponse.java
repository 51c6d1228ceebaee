package io.tillbridge.users.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.access.Caller;
import io.tillbridge.users.Account;
import io.tillbridge.users.UserAccount;
import java.util.List;
import java.util.UUID;

/**
 * The signed-in user and the tenants they belong to. A client switches tenant by using another
 * tenant's id from this list in {@code /api/v1/tenants/{tenantId}/...}.
 */
@Serdeable
@Schema(name = "Me")
public record MeResponse(
        @Schema(example = "0b6c2d4e-8a1f-4c3b-9e7d-5f2a1b3c4d5e") UUID id,
        @Schema(example = "maria@harbourcoffee.example") String email,
        @Schema(example = "Maria Jensen") String name,
        boolean emailVerified,
        @Schema(description = "support or superadmin for platform staff; absent for everyone else", nullable = true)
        @Nullable String platformRole,
        List<TenantMembershipResponse> tenants) {

    static MeResponse of(Account account) {
        UserAccount user = account.user();
        return new MeResponse(user.id(), user.email(), user.name(), user.emailVerified(),
                user.platformRole().map(Caller.PlatformRole::wire).orElse(null),
                account.tenants().stream().map(TenantMembershipResponse::of).toList());
    }
}
