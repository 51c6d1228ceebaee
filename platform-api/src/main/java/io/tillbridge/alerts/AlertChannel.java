package io.tillbridge.alerts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A channel alerts are sent on: email to listed addresses, a chat tool's incoming webhook, or an
 * outbound webhook signed in the Standard Webhooks style (its secret is shown once, at creation).
 */
@Serdeable
@Schema(description = "A channel alerts are sent on")
public record AlertChannel(
        UUID id,
        String name,
        @Schema(allowableValues = {"email", "chat", "webhook"}) String kind,
        @Nullable List<String> addresses,
        @Nullable String url,
        int version,
        Instant createdAt) {

    /** What an audit entry records of a channel (never its secret). */
    public Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", name);
        state.put("kind", kind);
        state.put("addresses", addresses);
        state.put("url", url);
        state.put("version", version);
        return state;
    }
}
