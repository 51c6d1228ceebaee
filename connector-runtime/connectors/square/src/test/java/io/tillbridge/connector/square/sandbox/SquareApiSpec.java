package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Square's OpenAPI document (test resource {@code square/api.json}) as a response validator: the
 * operation of a method and path names its 200 response schema, and a body is checked against it
 * with the OpenAPI 3.0 dialect. The check is stricter than the document: an object may carry only
 * the properties its schema declares, so a misspelt field fails. Error bodies are checked item by
 * item against {@code Error}.
 */
final class SquareApiSpec {

    private static final String BASE = "https://square.sandbox.test/api.json";
    private static final SquareApiSpec INSTANCE = new SquareApiSpec();

    private final JsonNode paths;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private SquareApiSpec() {
        try {
            ObjectNode document = (ObjectNode) new ObjectMapper().readTree(resource());
            paths = document.path("paths");
            document.path("components").path("schemas").forEach(SquareApiSpec::closeObjects);
            String strict = new ObjectMapper().writeValueAsString(document);
            registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), b -> b.schemas(Map.of(BASE, strict)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SquareApiSpec get() {
        return INSTANCE;
    }

    /** The name of the 200 response schema of an operation ({@code SearchOrdersResponse}). */
    String responseSchema(String method, String path) {
        JsonNode item = paths.path(path);
        assertThat(item.isObject()).as("the spec has the path %s", path).isTrue();
        JsonNode operation = item.path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isObject()).as("the spec has %s %s", method, path).isTrue();
        String ref = operation.path("responses").path("200").path("content").path("application/json")
                .path("schema").path("$ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** Fails unless the body is what the spec says the operation answers (or a valid error envelope). */
    void assertValid(String method, String path, int status, JsonNode body) {
        if (status == 200) {
            assertConforms(responseSchema(method, path), body);
            return;
        }
        assertThat(body.path("errors").isArray() && !body.path("errors").isEmpty())
                .as("an error answer has errors[]: %s", body).isTrue();
        for (JsonNode error : body.path("errors")) {
            assertConforms("Error", error);
        }
    }

    /** Fails unless {@code node} conforms to the named component schema. */
    void assertConforms(String schemaName, JsonNode node) {
        Schema schema = schemas.computeIfAbsent(schemaName,
                name -> registry.getSchema(SchemaLocation.of(BASE + "#/components/schemas/" + name)));
        List<com.networknt.schema.Error> errors = schema.validate(node.toString(), InputFormat.JSON);
        assertThat(errors).as("%s conforms to %s", abbreviate(node), schemaName).isEmpty();
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    /** Adds {@code additionalProperties: false} to every object schema that lists its properties. */
    private static void closeObjects(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.has("properties") && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
        Iterator<JsonNode> properties = object.path("properties").elements();
        while (properties.hasNext()) {
            closeObjects(properties.next());
        }
        closeObjects(object.path("items"));
    }

    private static String resource() {
        try (InputStream in = SquareApiSpec.class.getResourceAsStream("/square/api.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
