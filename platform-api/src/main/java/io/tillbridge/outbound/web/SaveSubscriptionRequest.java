package io.tillbridge.outbound.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.outbound.SubscriptionDraft;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A webhook subscription as a member sets it. */
@Serdeable
public record SaveSubscriptionRequest(
        @Schema(description = "https URL (http only for an internal host the operator allowed)",
                example = "https://hooks.example.com/tillbridge") @NotBlank @Size(max = 2000) String url,
        @Schema(description = "Event types to receive", example = "[\"run.failed\", \"record_error.opened\"]")
        @NotNull @Size(min = 1, max = 20) List<@NotBlank @Size(max = 60) String> eventTypes,
        @Schema(description = "What the endpoint is for") @Nullable @Size(max = 500) String description,
        @Schema(description = "Deliver events (default true)") @Nullable Boolean enabled) {

    SubscriptionDraft toDraft() {
        return new SubscriptionDraft(url, eventTypes, description, enabled == null || enabled);
    }
}
