package io.tillbridge.templates;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * A ready-made integration set (DD-039), as the catalog shows it: what it reads (the canonical POS
 * streams, so every POS connector applies) and writes, and each integration it creates with its
 * mapping, schedule and mode. Templates are versioned files of the release; no tenant data.
 */
@Serdeable
@Schema(description = "A ready-made set of integrations with their mappings, installed into a tenant in one call")
public record Template(
        @Schema(example = "pos-orders-to-warehouse", description = "Stable id: lower case with dashes") String id,
        @Schema(example = "1", description = "Raised whenever the template changes") int version,
        @Schema(example = "POS orders and lines -> warehouse") String name,
        @Schema(description = "One or two sentences for the catalog") String description,
        Source source,
        Target target,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
        @Schema(description = "Suggested config of a new target connection (e.g. a spreadsheet's format and split);"
                + " null when none") Map<String, Object> targetConfig,
        List<Integration> integrations) {

    public Template {
        integrations = List.copyOf(integrations);
    }

    /** What a template reads. */
    @Serdeable
    public record Source(
            @Schema(example = "pos", allowableValues = {"pos"}, description = "pos: a connection whose connector emits"
                    + " the canonical POS streams") String kind,
            @Schema(description = "The streams the integrations read") List<String> streams,
            @Schema(description = "The installed connectors a source connection may have: those that emit every one"
                    + " of the streams", example = "[\"square\", \"shopify\", \"clover\"]") List<String> connectors) {
    }

    /** What a template writes to. */
    @Serdeable
    public record Target(
            @Schema(description = "The connectors a target connection may have", example = "[\"postgres-warehouse\"]")
            List<String> connectors) {
    }

    /** One integration a template creates. */
    @Serdeable
    public record Integration(
            @Schema(example = "orders", description = "Stable within the template") String key,
            @Schema(example = "POS orders") String name,
            @Schema(example = "pos.orders") String sourceStream,
            @Schema(example = "pos_orders") String targetObject,
            @Schema(description = "The mapping, as the mappings API accepts it: steps, fields, valueMaps, rates,"
                    + " aggregate") Map<String, Object> mapping,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable
            @Schema(description = "When it runs by itself; null: only when started") Schedule schedule,
            @Schema(allowableValues = {"shadow", "live"}, description = "The mode it starts in") String mode) {
    }

    /** A schedule: a Quartz cron expression, in the time zone of the tenant's first location (UTC without one). */
    @Serdeable
    public record Schedule(@Schema(example = "0 0/15 * * * ?") String cron) {
    }
}
