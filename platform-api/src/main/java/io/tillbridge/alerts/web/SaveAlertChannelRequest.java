package io.tillbridge.alerts.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.alerts.ChannelDraft;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A channel to create, or the new settings of one (its kind cannot change). */
@Serdeable
@Schema(description = "An alert channel: email with addresses, or chat or webhook with a URL")
public record SaveAlertChannelRequest(
        @NotBlank @Size(max = 100) @Schema(example = "Ops team") String name,
        @NotBlank @Schema(allowableValues = {"email", "chat", "webhook"}) String kind,
        @Nullable @Size(max = 10) @Schema(example = "[\"ops@example.com\"]") List<@Size(max = 254) String> addresses,
        @Nullable @Size(max = 2000) @Schema(example = "https://chat.example.com/hooks/T000/B000") String url) {

    ChannelDraft toDraft() {
        return new ChannelDraft(name, kind, addresses, url);
    }
}
