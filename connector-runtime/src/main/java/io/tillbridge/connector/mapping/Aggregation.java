package io.tillbridge.connector.mapping;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups mapped rows across records and sums their numbers, e.g. one daily sales journal line per
 * business day, location and ledger account from many orders. Not thread-safe: one per run.
 *
 * <p>{@link #finish(Instant)} outputs each group, or with a {@link MappingSpec.Balance} each
 * journal's groups only when its debits equal its credits and none of its records was held
 * ({@link #hold(Map)}); with a {@link MappingSpec.Document} a journal is one output with its groups
 * as lines; with {@link MappingSpec.Final} a group (a journal, with a balance) is output only once it
 * is final, and is counted as pending until then.
 */
public final class Aggregation {

    /**
     * What the aggregation outputs.
     *
     * @param outputs the groups (or documents) to write, in first-seen order
     * @param errors the journals that did not balance or are held with a record that did not map
     * @param keyFields the fields whose values key each output: {@code groupBy}, or {@code balance.by}
     *     for documents
     * @param pending how many groups (journals, with a balance) are not final yet; they are neither
     *     output nor errors
     */
    public record Result(List<Map<String, Object>> outputs, List<FieldError> errors, List<String> keyFields,
            int pending) {
        public Result {
            outputs = List.copyOf(outputs);
            errors = List.copyOf(errors);
            keyFields = List.copyOf(keyFields);
        }
    }

    private final MappingSpec.Aggregate spec;
    private final CompiledMapping mapping;
    private final Duration wait;
    private final Map<List<Object>, Group> groups = new LinkedHashMap<>();
    private final Map<List<Object>, Held> held = new LinkedHashMap<>();
    private long bytes;

    private static final class Group {
        final Map<String, Object> keys = new LinkedHashMap<>();
        final BigDecimal[] sums;
        long count;
        Instant endsAt;

        Group(int sums) {
            this.sums = new BigDecimal[sums];
            java.util.Arrays.fill(this.sums, BigDecimal.ZERO);
        }
    }

    /** A journal that a record which did not map belongs to. */
    private static final class Held {
        long records;
        BigDecimal debit = BigDecimal.ZERO;
        BigDecimal credit = BigDecimal.ZERO;
        Instant endsAt;
    }

    Aggregation(MappingSpec.Aggregate spec, CompiledMapping mapping) {
        this.spec = spec;
        this.mapping = mapping;
        MappingSpec.Final finality = spec.finality();
        if (finality == null) {
            this.wait = null;
        } else {
            Duration settle = MappingCompiler.duration("aggregate.final.settle", finality.settle(), new ArrayList<>());
            Duration late = MappingCompiler.duration("aggregate.final.lateWindow", finality.lateWindow(), new ArrayList<>());
            // The compiler refused a spec whose durations do not parse.
            this.wait = (settle == null ? Duration.ZERO : settle).plus(late == null ? Duration.ZERO : late);
        }
    }

    /**
     * Adds the mapped rows of one record. A record joins its groups whole or not at all: if a value
     * to sum is not a number or (with {@code final}) a row has no instant in its {@code endsAt} field,
     * the errors are answered, no row is added and the record's journals are held as by
     * {@link #hold(Map)}.
     */
    public List<FieldError> add(List<Map<String, Object>> rows) {
        List<FieldError> errors = new ArrayList<>();
        List<BigDecimal[]> values = new ArrayList<>(rows.size());
        List<Instant> ends = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Object> row = rows.get(r);
            String at = rows.size() > 1 ? "row " + (r + 1) + ": " : "";
            BigDecimal[] sums = new BigDecimal[spec.sum().size()];
            for (int i = 0; i < sums.length; i++) {
                Object v = row.get(spec.sum().get(i));
                try {
                    sums[i] = v == null ? BigDecimal.ZERO : ValueType.decimal(v);
                } catch (ValueException e) {
                    FieldError error = e.toError(spec.sum().get(i));
                    errors.add(new FieldError(error.path(), error.category(), at + error.message(), error.hint(),
                            error.value()));
                }
            }
            values.add(sums);
            if (spec.finality() != null) {
                String field = spec.finality().endsAt();
                Object v = row.get(field);
                Instant end = instant(v);
                if (end == null) {
                    errors.add(FieldError.value(field, at + (v == null ? "no value in '" + field + "'"
                            : "'" + Values.display(v) + "' is not an RFC 3339 instant")
                            + ": the aggregation cannot tell when its group is final",
                            "Map '" + field + "' from the time the business day ends, such as 2026-03-03T09:00:00Z"
                                    + " (business_day_ends_at of the canonical POS streams).", v));
                }
                ends.add(end);
            }
        }
        if (!errors.isEmpty()) {
            holdRows(rows.stream().map(row -> Map.entry(row, Boolean.FALSE)).toList());
            return errors;
        }
        for (int r = 0; r < rows.size(); r++) {
            Map<String, Object> row = rows.get(r);
            BigDecimal[] sums = values.get(r);
            List<Object> key = new ArrayList<>(spec.groupBy().size());
            for (String g : spec.groupBy()) {
                key.add(row.get(g));
            }
            Group group = groups.computeIfAbsent(key, k -> {
                Group created = new Group(sums.length);
                for (String g : spec.groupBy()) {
                    created.keys.put(g, row.get(g));
                }
                bytes += ValueSize.of(created.keys, Long.MAX_VALUE) + 24L * sums.length + 64;
                return created;
            });
            for (int i = 0; i < sums.length; i++) {
                group.sums[i] = group.sums[i].add(sums[i]);
            }
            group.count++;
            if (!ends.isEmpty()) {
                group.endsAt = later(group.endsAt, ends.get(r));
            }
        }
        return errors;
    }

    /**
     * Notes a source record that did not map (or that its source could read only in part). With a
     * balance, the journals its rows belong to, as far as they mapped, are held at the finish: a
     * journal without one of its sales is not posted. Without a balance a held record only stays out
     * of its groups. A record whose journal cannot be told (its {@code balance.by} fields did not
     * map) holds none; its own error says why.
     */
    public void hold(Map<String, Object> record) {
        if (spec.balance() == null || mapping == null || record == null) {
            return;
        }
        holdRows(mapping.partialRows(record));
    }

    private void holdRows(List<Map.Entry<Map<String, Object>, Boolean>> rows) {
        MappingSpec.Balance balance = spec.balance();
        if (balance == null) {
            return;
        }
        java.util.Set<List<Object>> journals = new java.util.HashSet<>();
        for (Map.Entry<Map<String, Object>, Boolean> entry : rows) {
            Map<String, Object> row = entry.getKey();
            if (!row.keySet().containsAll(balance.by())) {
                continue;
            }
            List<Object> key = journalKey(row, balance);
            Held h = held.computeIfAbsent(key, k -> {
                bytes += ValueSize.of(k, Long.MAX_VALUE) + 96;
                return new Held();
            });
            if (journals.add(key)) {
                h.records++;
            }
            if (!entry.getValue()) {
                // The rows that did not map are what the journal would leave out.
                h.debit = h.debit.add(orZero(row.get(balance.debit())));
                h.credit = h.credit.add(orZero(row.get(balance.credit())));
            }
            if (spec.finality() != null) {
                h.endsAt = later(h.endsAt, instant(row.get(spec.finality().endsAt())));
            }
        }
    }

    /** How many groups there are so far. */
    public int groups() {
        return groups.size();
    }

    /** An estimate of the memory the groups hold ({@link ValueSize}). */
    public long estimatedBytes() {
        return bytes;
    }

    /**
     * The groups (or documents) to output as of {@code now}, in first-seen order: journals that do
     * not balance or are held are left out and reported; groups not final yet are left out and
     * counted.
     */
    public Result finish(Instant now) {
        MappingSpec.Balance balance = spec.balance();
        if (balance == null) {
            List<Map<String, Object>> outputs = new ArrayList<>();
            int pending = 0;
            for (Group group : groups.values()) {
                if (!isFinal(group.endsAt, now)) {
                    pending++;
                } else {
                    outputs.add(row(group));
                }
            }
            return new Result(outputs, List.of(), spec.groupBy(), pending);
        }
        Map<List<Object>, Journal> journals = new LinkedHashMap<>();
        for (Group group : groups.values()) {
            Map<String, Object> out = row(group);
            Journal journal = journals.computeIfAbsent(journalKey(out, balance), k -> new Journal());
            journal.rows.add(out);
            journal.debit = journal.debit.add((BigDecimal) out.get(balance.debit()));
            journal.credit = journal.credit.add((BigDecimal) out.get(balance.credit()));
            journal.endsAt = later(journal.endsAt, group.endsAt);
        }
        held.keySet().forEach(k -> journals.computeIfAbsent(k, x -> new Journal()));
        List<FieldError> errors = new ArrayList<>();
        int pending = 0;
        for (Map.Entry<List<Object>, Journal> e : journals.entrySet()) {
            Journal journal = e.getValue();
            Held h = held.get(e.getKey());
            Instant endsAt = h == null ? journal.endsAt : later(journal.endsAt, h.endsAt);
            if (!isFinal(endsAt, now)) {
                pending++;
                journal.status = Status.PENDING;
            } else if (h != null) {
                journal.status = Status.HELD;
                errors.add(heldError(named(e.getKey(), balance), journal, h, balance));
            } else if (journal.debit.compareTo(journal.credit) != 0) {
                journal.status = Status.UNBALANCED;
                errors.add(new FieldError(balance.debit(), FieldError.Category.VALUE,
                        "journal " + named(e.getKey(), balance) + " does not balance: debits " + journal.debit.toPlainString()
                                + ", credits " + journal.credit.toPlainString() + " (difference "
                                + journal.debit.subtract(journal.credit).toPlainString() + ")",
                        "Check the rules and value maps that produce '" + balance.debit() + "' and '" + balance.credit()
                                + "': every sale must post both sides.", null));
            }
        }
        List<Map<String, Object>> outputs = new ArrayList<>();
        MappingSpec.Document document = spec.document();
        if (document != null) {
            for (Map.Entry<List<Object>, Journal> e : journals.entrySet()) {
                // A journal whose every line nets to zero posts nothing (an exchange for the same amount).
                if (e.getValue().status == Status.OUTPUT && !e.getValue().rows.isEmpty()
                        && !nothingToPost(e.getValue(), balance)) {
                    outputs.add(document(e.getKey(), e.getValue(), balance, document));
                }
            }
            return new Result(outputs, errors, balance.by(), pending);
        }
        for (Journal journal : journals.values()) {
            if (journal.status == Status.OUTPUT) {
                outputs.addAll(journal.rows);
            }
        }
        return new Result(outputs, errors, spec.groupBy(), pending);
    }

    /**
     * A journal as the aggregation holds it, whatever {@link #finish} would do with it: for a preview
     * of what would be posted.
     *
     * @param keys the {@code balance.by} fields and their values
     * @param lines the journal's groups without the {@code by} fields, in first-seen order
     * @param debits the sum of the lines' debits
     * @param credits the sum of the lines' credits
     * @param finalAt when the journal is final ({@link MappingSpec.Final}: its latest {@code endsAt}
     *     plus settle and late window); null without {@code final}
     * @param heldRecords how many records that did not map belong to the journal; 0 when none
     * @param heldDebits what the rows that did not map carry as debits
     * @param heldCredits what the rows that did not map carry as credits
     */
    public record JournalState(Map<String, Object> keys, List<Map<String, Object>> lines, BigDecimal debits,
            BigDecimal credits, Instant finalAt, long heldRecords, BigDecimal heldDebits, BigDecimal heldCredits) {
        public JournalState {
            keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
            lines = List.copyOf(lines);
        }
    }

    /**
     * Every journal so far, final or not, held or not, balanced or not, in first-seen order; only for
     * an aggregate with a balance. Changes nothing: {@link #finish} answers as before.
     */
    public List<JournalState> journals() {
        MappingSpec.Balance balance = spec.balance();
        if (balance == null) {
            throw new IllegalStateException("this aggregation has no balance: it makes no journals");
        }
        Map<List<Object>, Journal> journals = new LinkedHashMap<>();
        for (Group group : groups.values()) {
            Map<String, Object> out = row(group);
            Journal journal = journals.computeIfAbsent(journalKey(out, balance), k -> new Journal());
            Map<String, Object> line = new LinkedHashMap<>(out);
            balance.by().forEach(line::remove);
            journal.rows.add(line);
            journal.debit = journal.debit.add((BigDecimal) out.get(balance.debit()));
            journal.credit = journal.credit.add((BigDecimal) out.get(balance.credit()));
            journal.endsAt = later(journal.endsAt, group.endsAt);
        }
        held.keySet().forEach(k -> journals.computeIfAbsent(k, x -> new Journal()));
        List<JournalState> states = new ArrayList<>(journals.size());
        for (Map.Entry<List<Object>, Journal> e : journals.entrySet()) {
            Journal journal = e.getValue();
            Held h = held.get(e.getKey());
            Instant endsAt = h == null ? journal.endsAt : later(journal.endsAt, h.endsAt);
            Instant finalAt = wait == null || endsAt == null ? null : endsAt.plus(wait);
            states.add(new JournalState(named(e.getKey(), balance), journal.rows, journal.debit, journal.credit, finalAt,
                    h == null ? 0 : h.records, h == null ? BigDecimal.ZERO : h.debit,
                    h == null ? BigDecimal.ZERO : h.credit));
        }
        return states;
    }

    private enum Status { OUTPUT, PENDING, HELD, UNBALANCED }

    private static final class Journal {
        final List<Map<String, Object>> rows = new ArrayList<>();
        BigDecimal debit = BigDecimal.ZERO;
        BigDecimal credit = BigDecimal.ZERO;
        Instant endsAt;
        Status status = Status.OUTPUT;
    }

    private Map<String, Object> row(Group group) {
        Map<String, Object> out = new LinkedHashMap<>(group.keys);
        for (int i = 0; i < group.sums.length; i++) {
            out.put(spec.sum().get(i), group.sums[i]);
        }
        if (spec.count() != null) {
            out.put(spec.count(), BigDecimal.valueOf(group.count));
        }
        return out;
    }

    private static boolean nothingToPost(Journal journal, MappingSpec.Balance balance) {
        return journal.rows.stream().allMatch(row -> ((BigDecimal) row.get(balance.debit()))
                .compareTo((BigDecimal) row.get(balance.credit())) == 0);
    }

    private static Map<String, Object> document(List<Object> key, Journal journal, MappingSpec.Balance balance,
            MappingSpec.Document document) {
        Map<String, Object> out = named(key, balance);
        List<Object> lines = new ArrayList<>(journal.rows.size());
        for (Map<String, Object> row : journal.rows) {
            Map<String, Object> line = new LinkedHashMap<>(row);
            balance.by().forEach(line::remove);
            lines.add(line);
        }
        out.put(document.lines(), lines);
        return out;
    }

    private static FieldError heldError(Map<String, Object> named, Journal journal, Held h, MappingSpec.Balance balance) {
        String records = h.records == 1 ? "1 record" : h.records + " records";
        return new FieldError(balance.debit(), FieldError.Category.VALUE,
                "journal " + named + " is held: " + records + " of it did not map. Without " + (h.records == 1 ? "it" : "them")
                        + " it would post debits " + journal.debit.toPlainString() + " and credits "
                        + journal.credit.toPlainString() + "; the rows that did not map carry debits "
                        + h.debit.toPlainString() + " and credits " + h.credit.toPlainString() + " (difference "
                        + h.debit.subtract(h.credit).toPlainString() + ")",
                "Fix the held " + (h.records == 1 ? "record's error" : "records' errors")
                        + " (an unmapped value: add it to its value map); the journal posts with the next run.", null);
    }

    private boolean isFinal(Instant endsAt, Instant now) {
        return wait == null || endsAt == null || !now.isBefore(endsAt.plus(wait));
    }

    private static Map<String, Object> named(List<Object> key, MappingSpec.Balance balance) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < balance.by().size(); i++) {
            named.put(balance.by().get(i), key.get(i));
        }
        return named;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** An RFC 3339 instant (with {@code Z} or an offset); null when the value is none. */
    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (!(value instanceof String text) || text.length() > 64) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal orZero(Object value) {
        try {
            return value == null ? BigDecimal.ZERO : ValueType.decimal(value);
        } catch (ValueException e) {
            return BigDecimal.ZERO;
        }
    }

    private static List<Object> journalKey(Map<String, Object> out, MappingSpec.Balance balance) {
        List<Object> key = new ArrayList<>(balance.by().size());
        for (String b : balance.by()) {
            key.add(out.get(b));
        }
        return key;
    }
}
