package io.tillbridge.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A channel just created, with its webhook signing secret: shown this once, never again. */
@Serdeable
@Schema(description = "A channel just created; secret (webhook channels) is shown only here")
public record ChannelCreated(AlertChannel channel,
        @Nullable @Schema(example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {
}
