package io.tillbridge.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.MappingCompiler;
import io.tillbridge.connector.mapping.MappingSpecJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The template files as shipped, read straight from the class path, and their mappings compiled. */
final class ShippedTemplates {

    static final String WAREHOUSE = "pos-orders-to-warehouse";
    static final String DAILY_SALES = "pos-daily-sales-by-tender";
    static final String REFUNDS_AND_VOIDS = "pos-refunds-and-voids";

    private ShippedTemplates() {
    }

    static String text(String id) {
        try (InputStream in = ShippedTemplates.class.getClassLoader().getResourceAsStream("templates/" + id + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no template file templates/" + id + ".json");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiled mapping of the template's integration {@code key}. */
    static CompiledMapping mapping(String id, String key) {
        for (JsonNode integration : MappingSpecJson.parseTree(text(id)).get("integrations")) {
            if (key.equals(integration.get("key").asText())) {
                MappingSpecJson.Parsed parsed = MappingSpecJson.read(integration.get("mapping"));
                if (!parsed.ok()) {
                    throw new IllegalStateException(parsed.errors().toString());
                }
                MappingCompiler.Compilation compiled = MappingCompiler.compile(parsed.spec());
                if (!compiled.ok()) {
                    throw new IllegalStateException(compiled.errors().toString());
                }
                return compiled.mapping();
            }
        }
        throw new IllegalStateException("template " + id + " has no integration " + key);
    }
}
