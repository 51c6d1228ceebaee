package io.tillbridge.connector.mapping;

import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/** Builds specs and records for tests from JSON text. */
final class Specs {

    private Specs() {
    }

    static MappingSpec spec(String json) {
        MappingSpecJson.Parsed parsed = MappingSpecJson.read(json.replace('\'', '"'));
        if (!parsed.ok()) {
            throw new AssertionError("spec does not parse: " + parsed.errors());
        }
        return parsed.spec();
    }

    static CompiledMapping compile(String json) {
        MappingCompiler.Compilation c = MappingCompiler.compile(spec(json));
        if (!c.ok()) {
            throw new AssertionError("spec does not compile: " + c.errors());
        }
        return c.mapping();
    }

    /** A record in the value model from JSON (numbers as BigDecimal). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> record(String json) {
        try {
            Object tree = new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readValue(json.replace('\'', '"'), Object.class);
            return (Map<String, Object>) Values.normalize(tree);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, Object> only(RecordOutcome outcome) {
        if (!outcome.ok() || outcome.outputs().size() != 1) {
            throw new AssertionError("expected one output, got " + outcome);
        }
        return outcome.outputs().get(0);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... values) {
        return List.of(values);
    }
}
