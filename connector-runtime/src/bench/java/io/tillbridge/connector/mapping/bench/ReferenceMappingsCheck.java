package io.tillbridge.connector.mapping.bench;

import com.api.jsonata4java.expressions.Expressions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.schibsted.spt.data.jslt.Parser;
import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.MappingCompiler;
import io.tillbridge.connector.mapping.MappingSpecJson;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that the three G3 mappings produce the same rows, so that the benchmark compares like with
 * like. Runs before the benchmark, in the bench profile only: JSONata4Java needs Jackson 3, whose
 * annotations are newer than the ones the platform builds with.
 */
final class ReferenceMappingsCheck {

    private ReferenceMappingsCheck() {
    }

    static void verifySameRows(int orders) throws Exception {
        CompiledMapping tillbridge = MappingCompiler.compile(MappingSpecJson.read(ReferenceMappings.TILLBRIDGE).spec()).mapping();
        var jslt = Parser.compileString(ReferenceMappings.JSLT);
        var jsonata = Expressions.parse(ReferenceMappings.JSONATA);
        ObjectMapper json = new ObjectMapper();
        tools.jackson.databind.ObjectMapper json3 = new tools.jackson.databind.ObjectMapper();
        int rows = 0;
        for (String order : SquareOrders.generate(orders, 7)) {
            List<Map<String, Object>> ours = tillbridge.map(SquareOrders.valueModel(order)).outputs();
            JsonNode theirs = jslt.apply(json.readTree(order));
            tools.jackson.databind.JsonNode third = jsonata.evaluate(json3.readTree(order));
            check(ours.size() == theirs.size() && ours.size() == third.size(), "row counts differ for " + order);
            for (int i = 0; i < ours.size(); i++) {
                Map<String, Object> row = ours.get(i);
                check(row.size() == 16, "expected 16 fields: " + row);
                for (Map.Entry<String, Object> e : row.entrySet()) {
                    String a = text(e.getValue());
                    check(Objects.equals(text(theirs.get(i).get(e.getKey())), a), "jslt differs at " + e.getKey() + " of " + order);
                    check(Objects.equals(text3(third.get(i).get(e.getKey())), a), "jsonata differs at " + e.getKey() + " of " + order);
                }
                rows++;
            }
        }
        System.out.println("G3 check: the three mappings agree on " + rows + " rows of " + orders + " orders");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    private static String text(Object value) {
        if (value instanceof JsonNode) {
            JsonNode n = (JsonNode) value;
            return n.isNumber() ? number(n.decimalValue()) : n.asText();
        }
        return value instanceof BigDecimal ? number((BigDecimal) value) : String.valueOf(value);
    }

    private static String text3(tools.jackson.databind.JsonNode n) {
        return n == null ? "null" : n.isNumber() ? number(n.decimalValue()) : n.asString();
    }

    private static String number(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
