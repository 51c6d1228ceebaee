package io.tillbridge.connector.xero.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Xero's OpenAPI documents (test resources {@code xero/xero_accounting.yaml}, OpenAPI 3.0, and
 * {@code xero/xero-webhooks.yaml}, OpenAPI 3.1; MIT licence, {@code xero/LICENSE}) as validators of
 * the sandbox's bodies against their component schemas. The check is stricter than the documents:
 * an object may carry only the properties its schema declares, so a misspelt field fails.
 */
public final class XeroApiSpec {

    private static final String ACCOUNTING = "https://xero.sandbox.test/xero_accounting.json";
    private static final String WEBHOOKS = "https://xero.sandbox.test/xero-webhooks.json";
    private static final XeroApiSpec INSTANCE = new XeroApiSpec();

    private final SchemaRegistry accounting;
    private final SchemaRegistry webhooks;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private XeroApiSpec() {
        accounting = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(),
                b -> b.schemas(Map.of(ACCOUNTING, strict("/xero/xero_accounting.yaml"))));
        webhooks = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                b -> b.schemas(Map.of(WEBHOOKS, strict("/xero/xero-webhooks.yaml"))));
    }

    public static XeroApiSpec get() {
        return INSTANCE;
    }

    /** Fails unless {@code node} conforms to the named schema of the Accounting API document. */
    public void assertConforms(String schemaName, JsonNode node) {
        check(accounting, ACCOUNTING, schemaName, node);
    }

    /** Fails unless {@code node} conforms to the named schema of the webhooks document. */
    public void assertWebhookConforms(String schemaName, JsonNode node) {
        check(webhooks, WEBHOOKS, schemaName, node);
    }

    private void check(SchemaRegistry registry, String base, String schemaName, JsonNode node) {
        Schema schema = schemas.computeIfAbsent(base + schemaName,
                name -> registry.getSchema(SchemaLocation.of(base + "#/components/schemas/" + schemaName)));
        List<com.networknt.schema.Error> errors = schema.validate(node.toString(), InputFormat.JSON);
        String text = node.toString();
        assertThat(errors).as("%s conforms to %s", text.length() > 400 ? text.substring(0, 400) + "..." : text,
                schemaName).isEmpty();
    }

    private static String strict(String resource) {
        try (InputStream in = XeroApiSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the test resource " + resource + " is missing");
            }
            ObjectNode document = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(in);
            document.path("components").path("schemas").forEach(XeroApiSpec::closeObjects);
            return new ObjectMapper().writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds {@code additionalProperties: false} to every object schema that lists its properties. */
    private static void closeObjects(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.has("properties") && !object.has("additionalProperties") && !object.has("allOf")) {
            object.put("additionalProperties", false);
        }
        Iterator<JsonNode> properties = object.path("properties").elements();
        while (properties.hasNext()) {
            closeObjects(properties.next());
        }
        closeObjects(object.path("items"));
    }
}
