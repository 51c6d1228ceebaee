package io.tillbridge.connectlinks.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.connectlinks.ConnectLinkDraft;

/** Asks a tenant's merchant to connect a system through a single-use link. */
@Serdeable
@Schema(name = "CreateConnectLinkRequest")
public record CreateConnectLinkRequest(
        @Schema(description = "A connector that connects with OAuth", example = "square") @Nullable String connectorId,
        @Schema(description = "Exactly one of the partner's registered redirect URLs",
                example = "https://app.partner.example/tillbridge/connected") @Nullable String redirectUrl,
        @Schema(description = "Given back unchanged as state with the redirect; at most 500 characters",
                nullable = true) @Nullable String state,
        @Schema(description = "Connect the shipped sandbox instead of the real vendor", defaultValue = "false")
        @Nullable Boolean sandbox) {

    ConnectLinkDraft toDraft() {
        return new ConnectLinkDraft(connectorId, redirectUrl, state, Boolean.TRUE.equals(sandbox));
    }
}
