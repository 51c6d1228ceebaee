package io.tillbridge.connector.mapping;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups mapped rows across records and sums their numbers, e.g. one daily sales journal line per
 * business day, location and ledger account from many orders. Not thread-safe: one per run.
 * {@link #finish()} checks that each journal's debits equal its credits and holds a journal that
 * does not balance.
 */
public final class Aggregation {

    /** The grouped rows and the journals that did not balance. */
    public record Result(List<Map<String, Object>> outputs, List<FieldError> errors) {
        public Result {
            outputs = List.copyOf(outputs);
            errors = List.copyOf(errors);
        }
    }

    private final MappingSpec.Aggregate spec;
    private final Map<List<Object>, Group> groups = new LinkedHashMap<>();
    private long bytes;

    private static final class Group {
        final Map<String, Object> keys = new LinkedHashMap<>();
        final BigDecimal[] sums;
        long count;

        Group(int sums) {
            this.sums = new BigDecimal[sums];
            java.util.Arrays.fill(this.sums, BigDecimal.ZERO);
        }
    }

    Aggregation(MappingSpec.Aggregate spec) {
        this.spec = spec;
    }

    /** Adds the mapped rows of one record; answers errors for values that are not numbers (those rows are skipped). */
    public List<FieldError> add(List<Map<String, Object>> rows) {
        List<FieldError> errors = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            BigDecimal[] values = new BigDecimal[spec.sum().size()];
            boolean ok = true;
            for (int i = 0; i < values.length; i++) {
                Object v = row.get(spec.sum().get(i));
                try {
                    values[i] = v == null ? BigDecimal.ZERO : ValueType.decimal(v);
                } catch (ValueException e) {
                    errors.add(e.toError(spec.sum().get(i)));
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            List<Object> key = new ArrayList<>(spec.groupBy().size());
            for (String g : spec.groupBy()) {
                key.add(row.get(g));
            }
            Group group = groups.computeIfAbsent(key, k -> {
                Group created = new Group(values.length);
                for (String g : spec.groupBy()) {
                    created.keys.put(g, row.get(g));
                }
                bytes += ValueSize.of(created.keys, Long.MAX_VALUE) + 24L * values.length + 64;
                return created;
            });
            for (int i = 0; i < values.length; i++) {
                group.sums[i] = group.sums[i].add(values[i]);
            }
            group.count++;
        }
        return errors;
    }

    /** How many groups there are so far. */
    public int groups() {
        return groups.size();
    }

    /** An estimate of the memory the groups hold ({@link ValueSize}). */
    public long estimatedBytes() {
        return bytes;
    }

    /** The grouped rows, in first-seen order; journals that do not balance are left out and reported. */
    public Result finish() {
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (Group group : groups.values()) {
            Map<String, Object> out = new LinkedHashMap<>(group.keys);
            for (int i = 0; i < group.sums.length; i++) {
                out.put(spec.sum().get(i), group.sums[i]);
            }
            if (spec.count() != null) {
                out.put(spec.count(), BigDecimal.valueOf(group.count));
            }
            outputs.add(out);
        }
        MappingSpec.Balance balance = spec.balance();
        if (balance == null) {
            return new Result(outputs, List.of());
        }
        Map<List<Object>, BigDecimal[]> journals = new LinkedHashMap<>();
        for (Map<String, Object> out : outputs) {
            BigDecimal[] sides = journals.computeIfAbsent(journalKey(out, balance),
                    k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sides[0] = sides[0].add((BigDecimal) out.get(balance.debit()));
            sides[1] = sides[1].add((BigDecimal) out.get(balance.credit()));
        }
        List<FieldError> errors = new ArrayList<>();
        List<Map<String, Object>> balanced = new ArrayList<>();
        for (Map<String, Object> out : outputs) {
            List<Object> key = journalKey(out, balance);
            BigDecimal[] sides = journals.get(key);
            if (sides[0] == null) {
                continue; // reported already
            }
            if (sides[0].compareTo(sides[1]) == 0) {
                balanced.add(out);
            } else {
                Map<String, Object> named = new LinkedHashMap<>();
                for (int i = 0; i < balance.by().size(); i++) {
                    named.put(balance.by().get(i), key.get(i));
                }
                errors.add(new FieldError(balance.debit(), FieldError.Category.VALUE,
                        "journal " + named + " does not balance: debits " + sides[0].toPlainString() + ", credits "
                                + sides[1].toPlainString() + " (difference " + sides[0].subtract(sides[1]).toPlainString() + ")",
                        "Check the rules and value maps that produce '" + balance.debit() + "' and '" + balance.credit()
                                + "': every sale must post both sides.", null));
                sides[0] = null; // report each journal once
            }
        }
        return new Result(balanced, errors);
    }

    private static List<Object> journalKey(Map<String, Object> out, MappingSpec.Balance balance) {
        List<Object> key = new ArrayList<>(balance.by().size());
        for (String b : balance.by()) {
            key.add(out.get(b));
        }
        return key;
    }
}
