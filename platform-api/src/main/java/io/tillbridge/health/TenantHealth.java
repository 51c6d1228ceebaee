package io.tillbridge.health;

import io.tillbridge.connections.ConnectionHealth;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The tenant's overview: every integration's health, worst first, and how many have each status.
 *
 * @param computedAt when the figures were computed
 * @param counts integrations per status (every status listed, zero included)
 * @param integrations each integration's health, failing first, then degraded, never run, paused, healthy
 * @param connections each connection's health, by name
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Every integration's health, worst first, with counts per status")
public record TenantHealth(Instant computedAt, Map<String, Long> counts, List<IntegrationHealth> integrations,
        List<ConnectionHealth> connections) {
}
