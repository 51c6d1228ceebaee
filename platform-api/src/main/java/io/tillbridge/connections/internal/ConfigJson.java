package io.tillbridge.connections.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** A connection's non-secret config as the {@code jsonb} columns store it. */
final class ConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigJson() {
    }

    /** The config as JSON text, for a {@code ?::jsonb} parameter. */
    static String write(Map<String, Object> config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config is not JSON", e);
        }
    }

    /** A stored config, in its fields' order. */
    static Map<String, Object> read(String text) {
        try {
            return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored config is not a JSON object", e);
        }
    }
}
