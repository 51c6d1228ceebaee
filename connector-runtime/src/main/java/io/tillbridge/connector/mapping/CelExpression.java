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
 * a record error, never a hung thread. Every value an evaluation builds (a concatenation, a list or
 * map, a comprehension's step) is checked as it is built, in constant time: a string of more than
 * {@link #MAX_STRING} characters, more than {@link #MAX_BUILT_CHARS} characters of strings built in
 * all, or a list or map of more than {@link #MAX_ELEMENTS} elements stops the evaluation as a
 * record error, so a string that doubles in a loop fails after a few megabytes instead of taking
 * the heap (DD-018). The result is measured once ({@link ValueSize}) before it is copied into the
 * value model: more than {@link #MAX_VALUE_BYTES} (a list that nests itself, say) is a record error
 * too. An expression that neither loops nor concatenates strings or lists does
 * work bounded by its size and runs without the listener; {@link CelFastPath} applies the same
 * string bound to the concatenations it evaluates itself.
 */
final class CelExpression {

    static final int MAX_ITERATIONS = 10_000;
    static final int MAX_STEPS = 200_000;
    static final long MAX_NANOS = 100_000_000L;
    /** The longest string an evaluation may build, in characters. */
    static final int MAX_STRING = 1 << 20;
    /** The most elements a list or map that an evaluation builds may have. */
    static final int MAX_ELEMENTS = 10_000;
    /** The most characters of strings one evaluation may build in all. */
    static final long MAX_BUILT_CHARS = 16L << 20;
    /** The largest result (estimated) an evaluation may answer. */
    static final long MAX_VALUE_BYTES = 4L << 20;
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
    private final boolean budgeted;
    private final CelFastPath.Node fast;

    private CelExpression(String text, String alias, CelRuntime.Program program, CelType resultType, boolean budgeted,
            CelFastPath.Node fast) {
        this.fast = fast;
        this.text = text;
        this.alias = alias;
        this.program = program;
        this.resultType = resultType;
        this.budgeted = budgeted;
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
            boolean budgeted = dev.cel.common.navigation.CelNavigableAst.fromAst(ast).getRoot().allNodes()
                    .anyMatch(n -> n.getKind() == dev.cel.common.ast.CelExpr.ExprKind.Kind.COMPREHENSION
                            || concatenates(ast, n.expr()));
            return new CelExpression(text, alias, RUNTIME.createProgram(ast), ast.getResultType(), budgeted,
                    CelFastPath.of(ast.getExpr(), alias == null || "record".equals(alias) ? null : alias));
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(e.getMessage().replace("\n", " "));
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Whether the node is a {@code +} that may join strings, bytes or lists (not numbers or times). */
    private static boolean concatenates(CelAbstractSyntaxTree ast, dev.cel.common.ast.CelExpr expr) {
        if (expr.getKind() != dev.cel.common.ast.CelExpr.ExprKind.Kind.CALL || !"_+_".equals(expr.call().function())) {
            return false;
        }
        CelType type = ast.getType(expr.id()).orElse(SimpleType.DYN);
        return !(type == SimpleType.INT || type == SimpleType.UINT || type == SimpleType.DOUBLE
                || type == SimpleType.TIMESTAMP || type == SimpleType.DURATION);
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
            // Without comprehensions and concatenations the work is bounded by the expression's size: no budget needed.
            Object result = budgeted ? program.trace(variables, new Budget()) : program.eval(variables);
            if ((result instanceof java.util.Collection || result instanceof Map)
                    && ValueSize.of(result, MAX_VALUE_BYTES) > MAX_VALUE_BYTES) {
                throw new BudgetExceeded(MAX_VALUE_BYTES / (1024 * 1024) + " MiB in its result");
            }
            return Values.normalize(result);
        } catch (CelEvaluationException e) {
            String limit = exceeded(e);
            if (limit != null) {
                throw exceededLimit(limit);
            }
            throw new ValueException("expression failed: " + e.getMessage(),
                    "Guard missing fields with has(record.x) or a default, and check the types it combines.", null);
        } catch (BudgetExceeded e) {
            throw exceededLimit(e.getMessage());
        } catch (RuntimeException e) {
            throw new ValueException("expression failed: " + e, "Check the types the expression combines.", null);
        }
    }

    /** The record error of an evaluation stopped by a limit, on either path. */
    static ValueException exceededLimit(String limit) {
        return new ValueException("expression exceeded its limit of " + limit,
                "Simplify the expression: it may loop over too many elements or build too large a value.", null);
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

    /**
     * Counts evaluated sub-expressions and checks the clock every 1,024 of them; checks the size of
     * each value built and counts the characters of the strings built.
     */
    private static final class Budget implements CelEvaluationListener {
        private final long start = System.nanoTime();
        private int steps;
        private long built;

        @Override
        public void callback(dev.cel.common.ast.CelExpr expr, Object result) {
            switch (expr.getKind()) {
                case CALL, LIST, MAP, STRUCT, COMPREHENSION -> {
                    measure(result);
                    if (result instanceof String && (built += ((String) result).length()) > MAX_BUILT_CHARS) {
                        throw new BudgetExceeded(MAX_BUILT_CHARS / (1024 * 1024) + " Mi characters of strings built");
                    }
                }
                default -> {
                    // Reads of what exists already build nothing.
                }
            }
            if (++steps > MAX_STEPS) {
                throw new BudgetExceeded(MAX_STEPS + " evaluation steps");
            }
            if ((steps & 1023) == 0 && System.nanoTime() - start > MAX_NANOS) {
                throw new BudgetExceeded(MAX_NANOS / 1_000_000 + " ms");
            }
        }
    }

    /** Stops an evaluation at once when it built a value past the size limits; constant time. */
    static void measure(Object value) {
        if (value instanceof String) {
            if (((String) value).length() > MAX_STRING) {
                throw new BudgetExceeded("a string of " + MAX_STRING + " characters");
            }
        } else if (value instanceof java.util.Collection || value instanceof Map) {
            int size = value instanceof Map ? ((Map<?, ?>) value).size() : ((java.util.Collection<?>) value).size();
            if (size > MAX_ELEMENTS) {
                throw new BudgetExceeded(MAX_ELEMENTS + " elements in a list or map");
            }
        } else if (value instanceof com.google.protobuf.ByteString
                && ((com.google.protobuf.ByteString) value).size() > MAX_STRING) {
            throw new BudgetExceeded("a byte string of " + MAX_STRING + " bytes");
        }
    }

    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded(String message) {
            super(message, null, false, false);
        }
    }
}
