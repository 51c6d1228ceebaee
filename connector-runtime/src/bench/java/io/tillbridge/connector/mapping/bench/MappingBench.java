package io.tillbridge.connector.mapping.bench;

import com.api.jsonata4java.expressions.Expressions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Parser;
import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.MappingCompiler;
import io.tillbridge.connector.mapping.MappingSpecJson;
import io.tillbridge.connector.mapping.RecordOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * G3: the reference Square-order mapping through the Tillbridge engine, JSLT and JSONata4Java, all
 * compiled once in the set-up; one operation maps one order (all its line items). Each engine gets
 * the orders in its own input form, parsed in the set-up: the record value model for Tillbridge
 * (what a source connector hands over), Jackson trees for JSLT (Jackson 2) and JSONata4Java
 * (Jackson 3).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MappingBench {

    static final int ORDERS = 1000;

    private CompiledMapping tillbridge;
    private Expression jslt;
    private Expressions jsonata;
    private List<Map<String, Object>> valueModel;
    private List<JsonNode> jackson2;
    private List<tools.jackson.databind.JsonNode> jackson3;

    @Setup
    public void setUp() throws Exception {
        List<String> orders = SquareOrders.generate(ORDERS, 42);
        tillbridge = MappingCompiler.compile(MappingSpecJson.read(ReferenceMappings.TILLBRIDGE).spec()).mapping();
        jslt = Parser.compileString(ReferenceMappings.JSLT);
        jsonata = Expressions.parse(ReferenceMappings.JSONATA);
        valueModel = orders.stream().map(SquareOrders::valueModel).toList();
        ObjectMapper json2 = new ObjectMapper();
        jackson2 = orders.stream().map(o -> {
            try {
                return json2.readTree(o);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        tools.jackson.databind.ObjectMapper json3 = new tools.jackson.databind.ObjectMapper();
        jackson3 = orders.stream().map(json3::readTree).toList();
    }

    @Benchmark
    @OperationsPerInvocation(ORDERS)
    public void tillbridge(Blackhole sink) {
        for (Map<String, Object> order : valueModel) {
            RecordOutcome outcome = tillbridge.map(order);
            if (!outcome.ok()) {
                throw new IllegalStateException(outcome.errors().toString());
            }
            sink.consume(outcome);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ORDERS)
    public void jslt(Blackhole sink) {
        for (JsonNode order : jackson2) {
            sink.consume(jslt.apply(order));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ORDERS)
    public void jsonata(Blackhole sink) throws Exception {
        for (tools.jackson.databind.JsonNode order : jackson3) {
            sink.consume(jsonata.evaluate(order));
        }
    }
}
