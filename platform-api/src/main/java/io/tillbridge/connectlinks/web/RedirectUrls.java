package io.tillbridge.connectlinks.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A partner's registered redirect URLs, read and replaced as a whole. */
@Serdeable
@Schema(name = "RedirectUrls")
public record RedirectUrls(
        @Schema(description = "https, or http on a loopback address for development; at most 10",
                example = "[\"https://app.partner.example/tillbridge/connected\"]") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable List<String> urls) {
}
