package io.tillbridge.connector.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.Nullable;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mapping as data: what the portal edits, what is stored per version as JSON, what
 * {@link MappingCompiler} compiles. Read and written with {@link MappingSpecJson}.
 *
 * <p>Order of work for one source record: {@code steps} (flatten, filter) produce rows; each row is
 * mapped by {@code fields}; if {@code aggregate} is set, mapped rows are grouped and summed across
 * records.
 *
 * @param steps flatten and filter steps, in order; may be empty
 * @param fields one rule per target field
 * @param valueMaps lookup tables by name, used by {@link FieldRule#valueMap()}
 * @param rates currency conversion rates: {@code rates.get("EUR").get("USD")} is how many USD one
 *     EUR buys
 * @param aggregate grouping of the mapped rows; null for one output per row
 *
 * <p>Members marked {@link Nullable} may be left out of the JSON; the others are what a working
 * mapping needs (the API's documentation marks them required).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MappingSpec(
        @Nullable List<Step> steps,
        List<FieldRule> fields,
        @Nullable Map<String, ValueMap> valueMaps,
        @Nullable Map<String, Map<String, BigDecimal>> rates,
        @Nullable Aggregate aggregate) {

    public MappingSpec {
        steps = steps == null ? List.of() : List.copyOf(steps);
        fields = fields == null ? List.of() : List.copyOf(fields);
        valueMaps = valueMaps == null ? Map.of() : new LinkedHashMap<>(valueMaps);
        rates = rates == null ? Map.of() : new LinkedHashMap<>(rates);
    }

    /**
     * A structural step. Exactly one of {@code flatten} and {@code filter} is set.
     *
     * @param flatten one row per element of an array, carrying the record's fields
     * @param filter a CEL expression that keeps a row when true
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(@Nullable Flatten flatten, @Nullable String filter) {
    }

    /**
     * Flattening: one row per element of the array at {@code path}, or of the list a CEL
     * {@code expression} returns; the element is reachable as {@code as} in paths and expressions
     * ({@code item.quantity}), the record's own fields stay reachable by their paths.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Flatten(@Nullable String path, @Nullable String expression, String as) {
    }

    /**
     * The rule for one target field. The value comes from exactly one of {@code source},
     * {@code sources} (concatenated), {@code constant} and {@code expression}; then, in this order:
     * {@code split}, {@code default} / {@code required}, {@code trim}, {@code case}, {@code money},
     * {@code dateTime}, {@code businessDay}, {@code valueMap}, {@code type} (cast).
     *
     * @param target the output field's path ({@code total}, {@code amount.value})
     * @param source a source path: {@code total_money.amount}, {@code tenders[0].type},
     *     {@code item.name} after a flatten {@code as: item}
     * @param sources paths whose values are joined with {@code separator}
     * @param separator for {@code sources}; empty if null
     * @param constant a fixed value
     * @param expression a CEL expression over {@code record} (and the flatten alias)
     * @param split take one part of a string split by a separator
     * @param defaultValue used when the value is null, missing or blank
     * @param required a null value is an error (after the default)
     * @param trim strip surrounding white space
     * @param letterCase {@code upper} or {@code lower}
     * @param money minor units and decimals, currency conversion
     * @param dateTime re-zone a date-time
     * @param businessDay the business day a date-time belongs to
     * @param valueMap the name of a value map in {@link MappingSpec#valueMaps()}
     * @param type the output type: string, integer, decimal, boolean, date, date-time
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldRule(
            String target,
            @Nullable String source,
            @Nullable List<String> sources,
            @Nullable String separator,
            @Nullable Object constant,
            @Nullable String expression,
            @Nullable Split split,
            @Nullable @com.fasterxml.jackson.annotation.JsonProperty("default") Object defaultValue,
            @Nullable Boolean required,
            @Nullable Boolean trim,
            @Nullable @com.fasterxml.jackson.annotation.JsonProperty("case") String letterCase,
            @Nullable Money money,
            @Nullable DateTime dateTime,
            @Nullable BusinessDay businessDay,
            @Nullable String valueMap,
            @Nullable String type) {

        /** A rule that copies {@code source} to {@code target} unchanged. */
        public static FieldRule copy(String source, String target) {
            return new FieldRule(target, source, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null);
        }
    }

    /** Split a string by {@code separator} and keep the part at {@code index} (0-based). */
    public record Split(String separator, int index) {
    }

    /**
     * Money: {@code from} and {@code to} are {@code minor} (integer minor units: 1050 cents) or
     * {@code decimal} (10.50), by the currency's digits (ISO 4217: JPY 0, USD 2, BHD 3).
     *
     * @param from {@code minor} or {@code decimal}
     * @param to {@code minor} or {@code decimal}
     * @param currency the currency code, when fixed
     * @param currencySource the source path of the currency code ({@code total_money.currency})
     * @param convertTo convert into this currency by {@link MappingSpec#rates()}, rounding half-even
     *     to its digits; null for no conversion
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Money(String from, String to, @Nullable String currency, @Nullable String currencySource,
            @Nullable String convertTo) {
    }

    /**
     * Re-zone a date-time: the value (ISO 8601 with offset, or local with {@code assumeZone}) is
     * written as an ISO offset date-time in {@code zone}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DateTime(String zone, @Nullable String assumeZone) {
    }

    /**
     * The business day of a date-time: its date in the location's time zone, minus one day when it
     * is before the close-out time (a sale at 01:30 with close-out 04:00 belongs to the day before).
     *
     * @param zone the time zone, when fixed
     * @param zoneSource the source path of the time zone
     * @param closeOut the close-out local time, {@code HH:mm}; {@code 00:00} if null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BusinessDay(@Nullable String zone, @Nullable String zoneSource, @Nullable String closeOut) {
    }

    /**
     * A lookup table such as payment method to ledger account.
     *
     * @param entries source value to target value
     * @param unmapped {@code hold} (default: the record is held with an {@code unmapped_value}
     *     error naming the value), {@code fallback} or {@code pass_through}
     * @param fallback the value for unmapped values under {@code fallback}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ValueMap(Map<String, Object> entries, @Nullable String unmapped, @Nullable Object fallback) {
        public ValueMap {
            entries = entries == null ? Map.of() : new LinkedHashMap<>(entries);
        }
    }

    /**
     * Grouping of mapped rows across records.
     *
     * @param groupBy target fields whose values form the group key
     * @param sum target fields summed per group (decimals)
     * @param count the output field holding the number of rows in the group; none if null
     * @param balance a check that debits equal credits per journal
     * @param document one output per journal (needs {@code balance}) instead of one per group
     * @param finality output a group (or journal) only once it can no longer change; JSON {@code final}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Aggregate(@Nullable List<String> groupBy, @Nullable List<String> sum, @Nullable String count,
            @Nullable Balance balance, @Nullable Document document,
            @Nullable @com.fasterxml.jackson.annotation.JsonProperty("final") Final finality) {
        public Aggregate {
            groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
            sum = sum == null ? List.of() : List.copyOf(sum);
        }
    }

    /**
     * The balanced groups of one journal (the same {@link Balance#by()} values) as one output: the
     * {@code by} fields at the top and, under {@code lines}, the groups without them, in first-seen
     * order. A daily sales journal is one document per business day and location.
     *
     * @param lines the output field holding the journal's lines
     */
    public record Document(String lines) {
    }

    /**
     * When a group is final: once {@code now >= endsAt + settle + lateWindow}, with {@code endsAt} the
     * latest among the group's rows (among its journal's rows, with a {@link Balance}). Until then the
     * group is pending: held back, without an error, and output by a later run. A business day thus
     * posts once it has ended, the POS has settled it, and late (offline) sales can no longer arrive.
     *
     * @param endsAt a mapped target field holding an RFC 3339 instant (the business day's end); a
     *     helper, left out of the output
     * @param settle an ISO 8601 duration ({@code PT2H}) to wait after {@code endsAt}; zero if null
     * @param lateWindow an ISO 8601 duration ({@code PT72H}) for late records; zero if null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Final(String endsAt, @Nullable String settle, @Nullable String lateWindow) {
    }

    /**
     * Debits must equal credits within each journal: the groups that share the {@code by} fields.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Balance(@Nullable List<String> by, String debit, String credit) {
        public Balance {
            by = by == null ? List.of() : List.copyOf(by);
        }
    }
}
