package io.tillbridge.connector.mapping;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import java.util.Map;

/**
 * A direct evaluator for the simplest checked CEL expressions: field selections on {@code record}
 * and the flatten alias, int, double and string constants, and {@code + - *}. It handles only the
 * happy path and answers {@link #UNSURE} for anything else (a missing field, mixed types, an
 * overflow, null), which the caller then evaluates with CEL itself, so results and errors stay
 * exactly CEL's. A concatenation longer than {@link CelExpression#MAX_STRING} fails as CEL's
 * evaluation would.
 */
final class CelFastPath {

    /** The answer when the fast path does not know: evaluate with CEL. */
    static final Object UNSURE = new Object();

    interface Node {
        Object eval(Map<String, Object> record, Object alias);
    }

    private CelFastPath() {
    }

    /** The direct evaluator of an expression, or null when it uses anything beyond the subset. */
    static Node of(CelExpr expr, String alias) {
        switch (expr.getKind()) {
            case IDENT: {
                String name = expr.ident().name();
                if ("record".equals(name)) {
                    return (r, a) -> r;
                }
                return name.equals(alias) ? (r, a) -> a : null;
            }
            case SELECT: {
                if (expr.select().testOnly()) {
                    return null;
                }
                Node operand = of(expr.select().operand(), alias);
                String field = expr.select().field().intern();
                return operand == null ? null : (r, a) -> select(operand.eval(r, a), field);
            }
            case CONSTANT: {
                CelConstant c = expr.constant();
                switch (c.getKind()) {
                    case INT64_VALUE: {
                        Long value = c.int64Value();
                        return (r, a) -> value;
                    }
                    case DOUBLE_VALUE: {
                        Double value = c.doubleValue();
                        return (r, a) -> value;
                    }
                    case STRING_VALUE: {
                        String value = c.stringValue();
                        return (r, a) -> value;
                    }
                    default:
                        return null;
                }
            }
            case CALL: {
                CelExpr.CelCall call = expr.call();
                if (call.target().isPresent() || call.args().size() != 2) {
                    return null;
                }
                Node left = of(call.args().get(0), alias);
                Node right = of(call.args().get(1), alias);
                if (left == null || right == null) {
                    return null;
                }
                switch (call.function()) {
                    case "_+_":
                        return (r, a) -> add(left.eval(r, a), right.eval(r, a));
                    case "_-_":
                        return (r, a) -> subtract(left.eval(r, a), right.eval(r, a));
                    case "_*_":
                        return (r, a) -> multiply(left.eval(r, a), right.eval(r, a));
                    default:
                        return null;
                }
            }
            default:
                return null;
        }
    }

    private static Object select(Object operand, String field) {
        if (!(operand instanceof Map)) {
            return UNSURE;
        }
        Object value = ((Map<?, ?>) operand).get(field);
        if (value == null) {
            return UNSURE;
        }
        return value instanceof Map ? value : Values.toCel(value);
    }

    private static Object add(Object l, Object r) {
        if (l instanceof Long && r instanceof Long) {
            try {
                return Math.addExact((Long) l, (Long) r);
            } catch (ArithmeticException e) {
                return UNSURE;
            }
        }
        if (l instanceof Double && r instanceof Double) {
            return (Double) l + (Double) r;
        }
        if (l instanceof String && r instanceof String) {
            // The same bound as CEL's own evaluation (CelExpression.measure), checked before building.
            if ((long) ((String) l).length() + ((String) r).length() > CelExpression.MAX_STRING) {
                throw CelExpression.exceededLimit("a string of " + CelExpression.MAX_STRING + " characters");
            }
            return (String) l + r;
        }
        return UNSURE;
    }

    private static Object subtract(Object l, Object r) {
        if (l instanceof Long && r instanceof Long) {
            try {
                return Math.subtractExact((Long) l, (Long) r);
            } catch (ArithmeticException e) {
                return UNSURE;
            }
        }
        if (l instanceof Double && r instanceof Double) {
            return (Double) l - (Double) r;
        }
        return UNSURE;
    }

    private static Object multiply(Object l, Object r) {
        if (l instanceof Long && r instanceof Long) {
            try {
                return Math.multiplyExact((Long) l, (Long) r);
            } catch (ArithmeticException e) {
                return UNSURE;
            }
        }
        if (l instanceof Double && r instanceof Double) {
            return (Double) l * (Double) r;
        }
        return UNSURE;
    }
}
