package io.tillbridge.connector.mapping;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Map;

/**
 * One compiled CEL expression over {@code record} (a map) and, after a flatten, its alias.
 *
 * <p>Sandboxed: only CEL's standard functions and macros, no message types, no Java classes, no
 * I/O. Bounded: an expression has at most 4,000 characters; all comprehensions of one evaluation
 * together stop after {@link #MAX_ITERATIONS} iterations, and an evaluation with comprehensions
 * stops after {@link #MAX_STEPS} evaluated sub-expressions or {@link #MAX_NANOS}; any limit becomes
 * a record error, never a hung thread. An expression without comprehensions does work bounded by its
 * size and runs without the step counter.
 */
final class CelExpression {

    static final int MAX_ITERATIONS = 10_000;
    static final int MAX_STEPS = 200_000;
    static final long MAX_NANOS = 100_000_000L;
    private static final int MAX_LENGTH = 4_000;

    private static final CelOptions OPTIONS = CelOptions.current()
            .comprehensionMaxIterations(MAX_ITERATIONS)
            .maxExpressionCodePointSize(MAX_LENGTH)
            .enableHeterogeneousNumericComparisons(true)
            .enableTimestampEpoch(false)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .build();
    private static final Map<String, CelCompiler> COMPILERS = new java.util.concurrent.ConcurrentHashMap<>();

    private final String text;
    private final String alias;
    private final CelRuntime.Program program;
    private final CelType resultType;
    private final boolean loops;
    private final CelFastPath.Node fast;

    private CelExpression(String text, String alias, CelRuntime.Program program, CelType resultType, boolean loops,
            CelFastPath.Node fast) {
        this.fast = fast;
        this.text = text;
        this.alias = alias;
        this.program = program;
        this.resultType = resultType;
        this.loops = loops;
    }

    /**
     * Compiles (parses and type-checks) an expression.
     *
     * @throws IllegalArgumentException with CEL's message when it does not compile
     */
    static CelExpression compile(String text, String alias) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the expression is empty");
        }
        CelCompiler compiler = COMPILERS.computeIfAbsent(alias == null ? "" : alias, CelExpression::compiler);
        try {
            CelAbstractSyntaxTree ast = compiler.compile(text).getAst();
            boolean loops = dev.cel.common.navigation.CelNavigableAst.fromAst(ast).getRoot().allNodes()
                    .anyMatch(n -> n.getKind() == dev.cel.common.ast.CelExpr.ExprKind.Kind.COMPREHENSION);
            return new CelExpression(text, alias, RUNTIME.createProgram(ast), ast.getResultType(), loops,
                    CelFastPath.of(ast.getExpr(), alias == null || "record".equals(alias) ? null : alias));
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(e.getMessage().replace("\n", " "));
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static CelCompiler compiler(String alias) {
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("record", MapType.create(SimpleType.STRING, SimpleType.DYN));
        if (!alias.isEmpty() && !"record".equals(alias)) {
            builder.addVar(alias, SimpleType.DYN);
        }
        return builder.build();
    }

    String text() {
        return text;
    }

    /** Whether the checked result type may be a boolean (for filters). */
    boolean mayBeBoolean() {
        return resultType == SimpleType.BOOL || resultType == SimpleType.DYN;
    }

    String resultTypeName() {
        return resultType.name();
    }

    /** Evaluates against one row; the result is in the value model. */
    Object evaluate(Map<String, Object> record, Object aliasValue) {
        if (fast != null) {
            Object value = fast.eval(record, aliasValue);
            if (value != CelFastPath.UNSURE && !(value instanceof Map) && !(value instanceof java.util.List)) {
                return Values.normalize(value);
            }
        }
        String aliasName = alias;
        dev.cel.runtime.CelVariableResolver variables = name -> {
            if ("record".equals(name)) {
                return java.util.Optional.of(new Values.CelMapView(record));
            }
            if (name.equals(aliasName)) {
                return java.util.Optional.of(Values.toCel(aliasValue));
            }
            return java.util.Optional.empty();
        };
        try {
            // Without comprehensions the work is bounded by the expression's size: no budget needed.
            return Values.normalize(loops ? program.trace(variables, new Budget()) : program.eval(variables));
        } catch (CelEvaluationException e) {
            String limit = exceeded(e);
            if (limit != null) {
                throw new ValueException("expression exceeded its limit: " + limit,
                        "Simplify the expression: it may loop over too many elements.", null);
            }
            throw new ValueException("expression failed: " + e.getMessage(),
                    "Guard missing fields with has(record.x) or a default, and check the types it combines.", null);
        } catch (BudgetExceeded e) {
            throw new ValueException("expression exceeded its limit of " + e.getMessage(),
                    "Simplify the expression: it may loop over too many elements.", null);
        } catch (RuntimeException e) {
            throw new ValueException("expression failed: " + e, "Check the types the expression combines.", null);
        }
    }

    private static String exceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BudgetExceeded) {
                return t.getMessage();
            }
            if (t.getMessage() != null && t.getMessage().contains("budget exceeded")) {
                return MAX_ITERATIONS + " iterations";
            }
        }
        return null;
    }

    /** Counts evaluated sub-expressions and checks the clock every 1,024 of them. */
    private static final class Budget implements CelEvaluationListener {
        private final long start = System.nanoTime();
        private int steps;

        @Override
        public void callback(dev.cel.common.ast.CelExpr expr, Object result) {
            if (++steps > MAX_STEPS) {
                throw new BudgetExceeded(MAX_STEPS + " evaluation steps");
            }
            if ((steps & 1023) == 0 && System.nanoTime() - start > MAX_NANOS) {
                throw new BudgetExceeded(MAX_NANOS / 1_000_000 + " ms");
            }
        }
    }

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded(String message) {
            super(message, null, false, false);
        }
    }
}
