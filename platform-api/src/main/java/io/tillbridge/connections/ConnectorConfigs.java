package io.tillbridge.connections;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Factory;
import io.tillbridge.connector.ConfigSchema;
import io.tillbridge.connector.ConnectorRegistry;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.credentials.Secret;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A connection's config as the connector declares it: validated against the JSON Schema derived
 * from the connector's config record (unknown fields, required fields, types, enums, bounds), split
 * into plain fields (stored as jsonb) and secret fields ({@code x-secret}: stored only in the
 * vault), shown with secrets as {@code {"set": true}}, and bound to the config record for a call.
 * Error messages name fields, never values.
 */
@Singleton
public class ConnectorConfigs {

    /** How a set secret is shown: its presence, never its value. */
    public static final Map<String, Object> SET = Map.of("set", true);

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final ConnectorRegistry registry;

    public ConnectorConfigs(ConnectorRegistry registry) {
        this.registry = registry;
    }

    /** The connectors on the class path, as one bean. */
    @Factory
    static class Registry {
        @Singleton
        ConnectorRegistry connectorRegistry() {
            return ConnectorRegistry.load();
        }
    }

    /** A config split for storage. */
    public record Split(Map<String, Object> plain, Map<String, Secret> secrets) {

        @Override
        public String toString() {
            return "Split[plain=" + plain.keySet() + ", secrets=" + secrets.keySet() + "]";
        }
    }

    public ConnectorRegistry registry() {
        return registry;
    }

    /** The connector's spec; 400 naming connectorId when there is no such connector. */
    public ConnectorSpec<?> spec(String connectorId) {
        return registry.spec(connectorId == null ? "" : connectorId).orElseThrow(() -> invalid(List.of(
                new Problem.FieldError("connectorId", "no connector with this id; known: "
                        + registry.specs().stream().map(ConnectorSpec::id).collect(Collectors.joining(", "))))));
    }

    /** The top-level fields the connector's schema marks secret. */
    public Set<String> secretFields(ConnectorSpec<?> spec) {
        Set<String> out = new LinkedHashSet<>();
        ConfigSchema.of(spec.configType()).path("properties").fields().forEachRemaining(e -> {
            if (e.getValue().path(ConfigSchema.SECRET).asBoolean(false)) {
                out.add(e.getKey());
            }
        });
        return out;
    }

    /**
     * The top-level fields that name where the connector connects ({@code x-target} in its schema:
     * marked {@code @ConfigProperty(target = true)}, URI-typed, or named like a URL, host or endpoint).
     */
    public Set<String> targetFields(ConnectorSpec<?> spec) {
        Set<String> out = new LinkedHashSet<>();
        ConfigSchema.of(spec.configType()).path("properties").fields().forEachRemaining(e -> {
            if (e.getValue().path(ConfigSchema.TARGET).asBoolean(false)) {
                out.add(e.getKey());
            }
        });
        return out;
    }

    /**
     * Validates {@code config} and splits it. A secret field that is absent, null or
     * {@code {"set": true}} keeps the stored secret ({@code storedSecrets} names those); a string
     * replaces it.
     *
     * @throws ProblemException 400 validation-failed naming every invalid field
     */
    public Split split(ConnectorSpec<?> spec, Map<String, Object> config, Set<String> storedSecrets) {
        ObjectNode schema = ConfigSchema.of(spec.configType());
        JsonNode properties = schema.path("properties");
        Set<String> secretFields = secretFields(spec);
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Object> plain = new LinkedHashMap<>();
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            String name = e.getKey();
            Object value = e.getValue();
            if (!properties.has(name)) {
                errors.add(error(name, "is not a field of connector " + spec.id()));
            } else if (secretFields.contains(name)) {
                if (value instanceof String s && !s.isEmpty()) {
                    secrets.put(name, Secret.of(s));
                } else if (value != null && !SET.equals(value)) {
                    errors.add(error(name, "must be a non-empty string (a secret)"));
                }
            } else if (value != null) {
                checkValue(name, value, properties.get(name), errors);
                plain.put(name, value);
            }
        }
        Iterator<JsonNode> required = schema.path("required").elements();
        while (required.hasNext()) {
            String name = required.next().asText();
            boolean present = plain.containsKey(name) || secrets.containsKey(name)
                    || (secretFields.contains(name) && storedSecrets.contains(name));
            if (!present) {
                errors.add(error(name, "is required"));
            }
        }
        if (errors.isEmpty()) {
            Map<String, Object> probe = new LinkedHashMap<>(plain);
            secretFields.forEach(f -> {
                if (secrets.containsKey(f) || storedSecrets.contains(f)) {
                    probe.put(f, Secret.MASK);
                }
            });
            bindOrCollect(spec, probe, errors);
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new Split(plain, secrets);
    }

    /** The config as the API shows it: plain fields, and {@code {"set": true}} for each stored secret. */
    public Map<String, Object> shown(Map<String, Object> plain, Set<String> storedSecrets) {
        Map<String, Object> out = new LinkedHashMap<>(plain);
        storedSecrets.forEach(f -> out.put(f, SET));
        return out;
    }

    /** The config as the audit log records it: secrets as {@code [redacted]}. */
    public Map<String, Object> audited(Map<String, Object> plain, Set<String> storedSecrets) {
        Map<String, Object> out = new LinkedHashMap<>(plain);
        storedSecrets.forEach(f -> out.put(f, io.tillbridge.audit.AuditLog.REDACTED));
        return out;
    }

    /** The connector's config record, with the decrypted secrets in place. */
    public Record bind(ConnectorSpec<?> spec, Map<String, Object> plain, Map<String, Secret> secrets) {
        Map<String, Object> full = new LinkedHashMap<>(plain);
        secrets.forEach((field, secret) -> full.put(field, secret.reveal()));
        List<Problem.FieldError> errors = new ArrayList<>();
        Record bound = bindOrCollect(spec, full, errors);
        if (bound == null) {
            throw invalid(errors);
        }
        return bound;
    }

    private static Record bindOrCollect(ConnectorSpec<?> spec, Map<String, Object> config, List<Problem.FieldError> errors) {
        try {
            return JSON.convertValue(config, spec.configType());
        } catch (IllegalArgumentException e) {
            // Jackson's messages quote the offending value, which may be a secret: name the field only.
            String field = e.getCause() instanceof MismatchedInputException m && !m.getPath().isEmpty()
                    ? m.getPath().get(0).getFieldName() : null;
            String what = e.getCause() instanceof InvalidFormatException ? "has the wrong form" : "cannot be read";
            errors.add(field == null ? new Problem.FieldError("config", "cannot be read as the connector's config")
                    : error(field, what + " for connector " + spec.id()));
            return null;
        }
    }

    private static void checkValue(String name, Object value, JsonNode property, List<Problem.FieldError> errors) {
        String type = property.path("type").asText();
        switch (type) {
            case "string" -> {
                if (!(value instanceof String s)) {
                    errors.add(error(name, "must be a string"));
                    return;
                }
                if (property.has("minLength") && s.strip().length() < property.get("minLength").asInt()) {
                    errors.add(error(name, "must not be blank"));
                }
                if (property.has("enum")) {
                    List<String> allowed = new ArrayList<>();
                    property.get("enum").forEach(v -> allowed.add(v.asText()));
                    if (!allowed.contains(s)) {
                        errors.add(error(name, "must be one of " + String.join(", ", allowed)));
                    }
                }
                if ("uri".equals(property.path("format").asText())) {
                    try {
                        if (!new URI(s).isAbsolute()) {
                            errors.add(error(name, "must be an absolute URL"));
                        }
                    } catch (URISyntaxException e) {
                        errors.add(error(name, "must be a URL"));
                    }
                }
            }
            case "integer" -> {
                if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger
                        || value instanceof Short)) {
                    errors.add(error(name, "must be a whole number"));
                } else {
                    checkBounds(name, new BigDecimal(value.toString()), property, errors);
                }
            }
            case "number" -> {
                if (!(value instanceof Number n)) {
                    errors.add(error(name, "must be a number"));
                } else {
                    checkBounds(name, new BigDecimal(n.toString()), property, errors);
                }
            }
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    errors.add(error(name, "must be true or false"));
                }
            }
            case "array" -> {
                if (!(value instanceof List<?>)) {
                    errors.add(error(name, "must be an array"));
                }
            }
            case "object" -> {
                if (!(value instanceof Map<?, ?>)) {
                    errors.add(error(name, "must be an object"));
                }
            }
            default -> {
            }
        }
    }

    private static void checkBounds(String name, BigDecimal value, JsonNode property, List<Problem.FieldError> errors) {
        if (property.has("minimum") && value.compareTo(property.get("minimum").decimalValue()) < 0) {
            errors.add(error(name, "must be at least " + property.get("minimum").asText()));
        }
        if (property.has("maximum") && value.compareTo(property.get("maximum").decimalValue()) > 0) {
            errors.add(error(name, "must be at most " + property.get("maximum").asText()));
        }
    }

    private static Problem.FieldError error(String field, String message) {
        return new Problem.FieldError("config." + field, message);
    }

    static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, errors.stream()
                .map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
    }
}
