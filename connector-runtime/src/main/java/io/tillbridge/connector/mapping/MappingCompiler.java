package io.tillbridge.connector.mapping;

import io.tillbridge.connector.mapping.MappingSpec.FieldRule;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiles a {@link MappingSpec} once into an immutable {@link CompiledMapping}: paths parsed, zones,
 * currencies and value maps resolved, CEL expressions type-checked. Every problem is a
 * {@link FieldError} of category {@code mapping} naming the spec path and the fix.
 */
public final class MappingCompiler {

    private MappingCompiler() {
    }

    /** A compiled mapping, or why it does not compile. */
    public record Compilation(CompiledMapping mapping, List<FieldError> errors) {
        public Compilation {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return mapping != null;
        }
    }

    public static Compilation compile(MappingSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        String alias = null;
        for (MappingSpec.Step step : spec.steps()) {
            if (step.flatten() != null) {
                alias = step.flatten().as() == null || step.flatten().as().isBlank() ? "item" : step.flatten().as();
            }
        }
        List<CompiledMapping.CompiledStep> steps = compileSteps(spec, alias, errors);
        Map<String, CompiledValueMap> valueMaps = compileValueMaps(spec, errors);
        if (spec.fields().isEmpty()) {
            errors.add(FieldError.mapping("fields", "the mapping maps no fields",
                    "Add at least one field rule, e.g. {\"target\": \"id\", \"source\": \"id\"}."));
        }
        List<CompiledField> fields = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < spec.fields().size(); i++) {
            CompiledField field = compileField(spec, spec.fields().get(i), "fields[" + i + "]", alias, valueMaps, errors);
            if (field != null) {
                if (!targets.add(field.target)) {
                    errors.add(FieldError.mapping("fields[" + i + "].target", "target '" + field.target + "' is mapped twice",
                            "Keep one rule per target field."));
                }
                fields.add(field);
            }
        }
        checkAggregate(spec, fields, errors);
        if (!errors.isEmpty()) {
            return new Compilation(null, errors);
        }
        return new Compilation(new CompiledMapping(spec, steps, fields, alias), List.of());
    }

    private static List<CompiledMapping.CompiledStep> compileSteps(MappingSpec spec, String alias, List<FieldError> errors) {
        List<CompiledMapping.CompiledStep> steps = new ArrayList<>();
        boolean flattened = false;
        for (int i = 0; i < spec.steps().size(); i++) {
            MappingSpec.Step step = spec.steps().get(i);
            String at = "steps[" + i + "]";
            if ((step.flatten() == null) == (step.filter() == null)) {
                errors.add(FieldError.mapping(at, "a step is either a flatten or a filter",
                        "Write {\"flatten\": {\"path\": \"line_items\", \"as\": \"item\"}} or {\"filter\": \"record.state == 'COMPLETED'\"}."));
                continue;
            }
            if (step.filter() != null) {
                try {
                    CelExpression filter = CelExpression.compile(step.filter(), alias);
                    if (!filter.mayBeBoolean()) {
                        errors.add(FieldError.mapping(at + ".filter", "a filter must be true or false, this one is "
                                + filter.resultTypeName(), "Compare values, e.g. record.state == 'COMPLETED'."));
                    }
                    steps.add(new CompiledMapping.CompiledStep(null, null, filter));
                } catch (IllegalArgumentException e) {
                    errors.add(FieldError.mapping(at + ".filter", "the filter does not compile: " + e.getMessage(),
                            "Write a CEL expression over record, e.g. record.state == 'COMPLETED'."));
                }
                continue;
            }
            if (flattened) {
                errors.add(FieldError.mapping(at, "only one flatten step is allowed", "Flatten one array per mapping."));
                continue;
            }
            flattened = true;
            MappingSpec.Flatten flatten = step.flatten();
            if ((flatten.path() == null) == (flatten.expression() == null)) {
                errors.add(FieldError.mapping(at + ".flatten", "a flatten needs either a path or an expression",
                        "Give the array's path, e.g. \"path\": \"line_items\"."));
                continue;
            }
            if (!alias.matches("[A-Za-z_][A-Za-z0-9_]*") || "record".equals(alias)) {
                errors.add(FieldError.mapping(at + ".flatten.as", "'" + alias + "' is not a usable name",
                        "Name the element with letters, digits and _, not 'record', e.g. item."));
                continue;
            }
            try {
                if (flatten.path() != null) {
                    steps.add(new CompiledMapping.CompiledStep(ValuePath.parse(flatten.path(), null), null, null));
                } else {
                    steps.add(new CompiledMapping.CompiledStep(null, CelExpression.compile(flatten.expression(), null), null));
                }
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.mapping(at + ".flatten", e.getMessage(),
                        "Give the path of an array, e.g. line_items, or a CEL expression returning a list."));
            }
        }
        return steps;
    }

    private static Map<String, CompiledValueMap> compileValueMaps(MappingSpec spec, List<FieldError> errors) {
        Map<String, CompiledValueMap> maps = new java.util.HashMap<>();
        spec.valueMaps().forEach((name, map) -> {
            String at = "valueMaps." + name;
            CompiledValueMap.Unmapped policy;
            String unmapped = map.unmapped() == null ? "hold" : map.unmapped().toLowerCase(Locale.ROOT);
            switch (unmapped) {
                case "hold":
                    policy = CompiledValueMap.Unmapped.HOLD;
                    break;
                case "fallback":
                    policy = CompiledValueMap.Unmapped.FALLBACK;
                    if (map.fallback() == null) {
                        errors.add(FieldError.mapping(at + ".fallback", "the policy is fallback but no fallback is given",
                                "Give the fallback value, e.g. \"fallback\": \"1999\"."));
                    }
                    break;
                case "pass_through":
                    policy = CompiledValueMap.Unmapped.PASS_THROUGH;
                    break;
                default:
                    errors.add(FieldError.mapping(at + ".unmapped", "'" + map.unmapped() + "' is not a policy",
                            "Use hold, fallback or pass_through."));
                    return;
            }
            maps.put(name, new CompiledValueMap(name, map.entries(), policy, map.fallback()));
        });
        return maps;
    }

    private static CompiledField compileField(MappingSpec spec, FieldRule rule, String at, String alias,
            Map<String, CompiledValueMap> valueMaps, List<FieldError> errors) {
        int before = errors.size();
        if (rule.target() == null || rule.target().isBlank() || rule.target().startsWith(".") || rule.target().endsWith(".")) {
            errors.add(FieldError.mapping(at + ".target", "the target field is missing", "Name the output field, e.g. \"target\": \"total\"."));
            return null;
        }
        String target = rule.target();
        int producers = (rule.source() != null ? 1 : 0) + (rule.sources() != null ? 1 : 0)
                + (rule.constant() != null ? 1 : 0) + (rule.expression() != null ? 1 : 0);
        if (producers != 1) {
            errors.add(FieldError.mapping(target, "the value must come from exactly one of source, sources, constant and expression ("
                    + producers + " given)", "Give e.g. \"source\": \"total_money.amount\"."));
            return null;
        }
        CompiledField.ValueSource source = null;
        ValueType produced = null;
        try {
            if (rule.source() != null) {
                ValuePath path = ValuePath.parse(rule.source(), alias);
                source = path::read;
            } else if (rule.sources() != null) {
                List<ValuePath> paths = new ArrayList<>();
                for (String s : rule.sources()) {
                    paths.add(ValuePath.parse(s, alias));
                }
                if (paths.isEmpty()) {
                    throw new IllegalArgumentException("sources is empty");
                }
                source = CompiledField.concat(paths, rule.separator() == null ? "" : rule.separator());
                produced = ValueType.STRING;
            } else if (rule.constant() != null) {
                Object constant = Values.normalize(rule.constant());
                source = (r, a) -> constant;
                produced = constant instanceof BigDecimal ? ValueType.DECIMAL
                        : constant instanceof Boolean ? ValueType.BOOLEAN : ValueType.STRING;
            } else {
                CelExpression expression = CelExpression.compile(rule.expression(), alias);
                source = expression::evaluate;
                produced = celType(expression.resultTypeName());
            }
        } catch (IllegalArgumentException e) {
            String what = rule.expression() != null ? "the expression does not compile: " : "bad source path: ";
            errors.add(FieldError.mapping(target, what + e.getMessage(), rule.expression() != null
                    ? "Write a CEL expression over record" + (alias == null ? "" : " and " + alias) + ", e.g. record.total_money.amount * 2."
                    : "Write a path like total_money.amount or tenders[0].type."));
            return null;
        }
        Pattern split = null;
        int splitIndex = 0;
        if (rule.split() != null) {
            if (rule.split().separator() == null || rule.split().separator().isEmpty() || rule.split().index() < 0) {
                errors.add(FieldError.mapping(target, "split needs a separator and an index from 0",
                        "Write \"split\": {\"separator\": \" \", \"index\": 0}."));
            } else {
                split = Pattern.compile(Pattern.quote(rule.split().separator()));
                splitIndex = rule.split().index();
                produced = ValueType.STRING;
            }
        }
        Boolean upper = null;
        if (rule.letterCase() != null) {
            if ("upper".equalsIgnoreCase(rule.letterCase())) {
                upper = true;
            } else if ("lower".equalsIgnoreCase(rule.letterCase())) {
                upper = false;
            } else {
                errors.add(FieldError.mapping(target, "case '" + rule.letterCase() + "' is unknown", "Use upper or lower."));
            }
        }
        CompiledField.MoneyStep money = null;
        if (rule.money() != null) {
            money = money(spec, rule.money(), target, alias, errors);
            produced = money != null && money.toMinor() ? ValueType.INTEGER : ValueType.DECIMAL;
        }
        ZoneId dtZone = null;
        ZoneId dtAssume = null;
        if (rule.dateTime() != null) {
            dtZone = zone(rule.dateTime().zone(), target, "dateTime.zone", errors);
            if (rule.dateTime().assumeZone() != null) {
                dtAssume = zone(rule.dateTime().assumeZone(), target, "dateTime.assumeZone", errors);
            }
            produced = ValueType.DATE_TIME;
        }
        CompiledField.BusinessDayStep businessDay = null;
        if (rule.businessDay() != null) {
            businessDay = businessDay(rule.businessDay(), target, alias, errors);
            produced = ValueType.DATE;
        }
        CompiledValueMap valueMap = null;
        if (rule.valueMap() != null) {
            valueMap = valueMaps.get(rule.valueMap());
            if (valueMap == null && !spec.valueMaps().containsKey(rule.valueMap())) {
                errors.add(FieldError.mapping(target, "value map '" + rule.valueMap() + "' does not exist",
                        "Add it under valueMaps, or use one of " + spec.valueMaps().keySet() + "."));
            }
            produced = valueMapType(spec.valueMaps().get(rule.valueMap()));
        }
        ValueType type = null;
        if (rule.type() != null) {
            type = ValueType.byWireName(rule.type()).orElse(null);
            if (type == null) {
                errors.add(FieldError.mapping(target, "type '" + rule.type() + "' is unknown", "Use one of " + ValueType.names() + "."));
            }
            produced = type;
        }
        if (errors.size() > before) {
            return null;
        }
        return new CompiledField(target, source, split, splitIndex, Values.normalize(rule.defaultValue()),
                Boolean.TRUE.equals(rule.required()), Boolean.TRUE.equals(rule.trim()), upper, money, dtZone, dtAssume,
                businessDay, valueMap, type, produced);
    }

    private static ValueType valueMapType(MappingSpec.ValueMap map) {
        if (map == null) {
            return null;
        }
        ValueType type = null;
        for (Object v : map.entries().values()) {
            Object n = Values.normalize(v);
            ValueType t = n instanceof BigDecimal ? ValueType.DECIMAL : n instanceof Boolean ? ValueType.BOOLEAN : ValueType.STRING;
            if (type != null && type != t) {
                return null;
            }
            type = t;
        }
        return type;
    }

    static ValueType celType(String celName) {
        switch (celName) {
            case "int":
            case "uint":
                return ValueType.INTEGER;
            case "double":
                return ValueType.DECIMAL;
            case "string":
                return ValueType.STRING;
            case "bool":
                return ValueType.BOOLEAN;
            default:
                return null;
        }
    }

    private static CompiledField.MoneyStep money(MappingSpec spec, MappingSpec.Money m, String target, String alias,
            List<FieldError> errors) {
        int before = errors.size();
        boolean fromMinor = "minor".equals(m.from());
        boolean toMinor = "minor".equals(m.to());
        if (!fromMinor && !"decimal".equals(m.from()) || !toMinor && !"decimal".equals(m.to())) {
            errors.add(FieldError.mapping(target, "money.from and money.to must each be minor or decimal",
                    "Write e.g. \"money\": {\"from\": \"minor\", \"to\": \"decimal\", \"currencySource\": \"total_money.currency\"}."));
        }
        if ((m.currency() == null) == (m.currencySource() == null)) {
            errors.add(FieldError.mapping(target, "money needs exactly one of currency and currencySource",
                    "State the currency (\"currency\": \"USD\") or where it is (\"currencySource\": \"total_money.currency\")."));
        }
        if (m.currency() != null && Money.digits(m.currency()).isEmpty()) {
            errors.add(FieldError.mapping(target, "'" + m.currency() + "' is not an ISO 4217 currency code", "Use a code such as USD, EUR or JPY."));
        }
        int convertDigits = 0;
        if (m.convertTo() != null) {
            if (Money.digits(m.convertTo()).isEmpty()) {
                errors.add(FieldError.mapping(target, "'" + m.convertTo() + "' is not an ISO 4217 currency code", "Use a code such as USD, EUR or JPY."));
            } else {
                convertDigits = Money.digits(m.convertTo()).get();
                if (m.currency() != null && !m.currency().equals(m.convertTo())
                        && spec.rates().getOrDefault(m.currency(), Map.of()).get(m.convertTo()) == null
                        && spec.rates().getOrDefault(m.convertTo(), Map.of()).get(m.currency()) == null) {
                    errors.add(FieldError.mapping(target, "no rate from " + m.currency() + " to " + m.convertTo(),
                            "Add rates." + m.currency() + "." + m.convertTo() + " to the mapping."));
                }
            }
        }
        ValuePath currencySource = null;
        if (m.currencySource() != null) {
            try {
                currencySource = ValuePath.parse(m.currencySource(), alias);
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.mapping(target, "bad money.currencySource: " + e.getMessage(), "Write a path like total_money.currency."));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new CompiledField.MoneyStep(fromMinor, toMinor,
                m.currency() == null ? null : m.currency().toUpperCase(Locale.ROOT), currencySource, m.convertTo(), convertDigits);
    }

    private static CompiledField.BusinessDayStep businessDay(MappingSpec.BusinessDay b, String target, String alias,
            List<FieldError> errors) {
        if ((b.zone() == null) == (b.zoneSource() == null)) {
            errors.add(FieldError.mapping(target, "businessDay needs exactly one of zone and zoneSource",
                    "State the location's time zone (\"zone\": \"America/New_York\") or where it is in the record."));
            return null;
        }
        LocalTime closeOut = LocalTime.MIDNIGHT;
        if (b.closeOut() != null) {
            try {
                closeOut = LocalTime.parse(b.closeOut());
            } catch (DateTimeParseException e) {
                errors.add(FieldError.mapping(target, "closeOut '" + b.closeOut() + "' is not a time", "Write HH:mm, e.g. 04:00."));
                return null;
            }
        }
        ZoneId zone = b.zone() == null ? null : zone(b.zone(), target, "businessDay.zone", errors);
        ValuePath zoneSource = null;
        if (b.zoneSource() != null) {
            try {
                zoneSource = ValuePath.parse(b.zoneSource(), alias);
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.mapping(target, "bad businessDay.zoneSource: " + e.getMessage(), "Write a path like location.timezone."));
                return null;
            }
        }
        return zone == null && zoneSource == null ? null : new CompiledField.BusinessDayStep(zone, zoneSource, closeOut);
    }

    private static ZoneId zone(String id, String target, String what, List<FieldError> errors) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException | NullPointerException e) {
            errors.add(FieldError.mapping(target, what + " '" + id + "' is not a time zone",
                    "Use an IANA time zone such as America/New_York or UTC."));
            return null;
        }
    }

    private static void checkAggregate(MappingSpec spec, List<CompiledField> fields, List<FieldError> errors) {
        MappingSpec.Aggregate aggregate = spec.aggregate();
        if (aggregate == null) {
            return;
        }
        Map<String, CompiledField> byTarget = new java.util.HashMap<>();
        fields.forEach(f -> byTarget.put(f.target, f));
        List<String> named = new ArrayList<>(aggregate.groupBy());
        named.addAll(aggregate.sum());
        if (aggregate.balance() != null) {
            named.addAll(aggregate.balance().by());
            named.add(aggregate.balance().debit());
            named.add(aggregate.balance().credit());
        }
        for (String name : named) {
            if (name == null || !byTarget.containsKey(name)) {
                errors.add(FieldError.mapping("aggregate", "'" + name + "' is not a mapped target field",
                        "Group, sum and balance only fields the mapping produces: " + byTarget.keySet() + "."));
            }
        }
        for (String sum : aggregate.sum()) {
            CompiledField f = byTarget.get(sum);
            if (f != null && f.producedType != null && f.producedType != ValueType.DECIMAL && f.producedType != ValueType.INTEGER) {
                errors.add(FieldError.mapping("aggregate.sum", "'" + sum + "' is " + f.producedType.wireName() + ", not a number",
                        "Sum money or number fields only; give the field \"type\": \"decimal\"."));
            }
        }
        if (aggregate.balance() != null) {
            for (String side : new String[] {aggregate.balance().debit(), aggregate.balance().credit()}) {
                if (side != null && !aggregate.sum().contains(side)) {
                    errors.add(FieldError.mapping("aggregate.balance", "'" + side + "' must also be summed",
                            "Add '" + side + "' to aggregate.sum."));
                }
            }
        }
        checkDocument(aggregate, errors);
        checkFinal(aggregate, byTarget, errors);
    }

    private static void checkDocument(MappingSpec.Aggregate aggregate, List<FieldError> errors) {
        MappingSpec.Document document = aggregate.document();
        if (document == null) {
            return;
        }
        if (aggregate.balance() == null) {
            errors.add(FieldError.mapping("aggregate.document", "a document needs a balance: it is one journal",
                    "Add \"balance\": {\"by\": [...], \"debit\": ..., \"credit\": ...} to the aggregate."));
        } else if (aggregate.balance().by().isEmpty()) {
            errors.add(FieldError.mapping("aggregate.balance.by", "a document needs the fields that tell its journals apart",
                    "Name them in balance.by, e.g. [\"date\", \"location_id\"]."));
        }
        if (document.lines() == null || document.lines().isBlank()) {
            errors.add(FieldError.mapping("aggregate.document.lines", "the document's lines need a field name",
                    "Name the field that holds the journal's lines, e.g. \"lines\"."));
        } else if (aggregate.balance() != null && aggregate.balance().by().contains(document.lines())) {
            errors.add(FieldError.mapping("aggregate.document.lines", "'" + document.lines()
                    + "' is one of balance.by; the lines need a field of their own", "Call it \"lines\"."));
        }
    }

    private static void checkFinal(MappingSpec.Aggregate aggregate, Map<String, CompiledField> byTarget,
            List<FieldError> errors) {
        MappingSpec.Final finality = aggregate.finality();
        if (finality == null) {
            return;
        }
        String endsAt = finality.endsAt();
        if (endsAt == null || endsAt.isBlank()) {
            errors.add(FieldError.mapping("aggregate.final.endsAt", "final needs the field that says when a group ends",
                    "Map the business day's end (business_day_ends_at) to a field and name it in endsAt."));
        } else if (!byTarget.containsKey(endsAt)) {
            errors.add(FieldError.mapping("aggregate.final.endsAt", "'" + endsAt + "' is not a mapped target field",
                    "Name a field the mapping produces: " + byTarget.keySet() + "."));
        } else if (aggregate.groupBy().contains(endsAt) || aggregate.sum().contains(endsAt)
                || aggregate.balance() != null && aggregate.balance().by().contains(endsAt)) {
            errors.add(FieldError.mapping("aggregate.final.endsAt", "'" + endsAt
                    + "' is only when a group ends; it cannot also be grouped, summed or balanced by",
                    "Take '" + endsAt + "' out of groupBy, sum and balance.by."));
        }
        duration("aggregate.final.settle", finality.settle(), errors);
        duration("aggregate.final.lateWindow", finality.lateWindow(), errors);
    }

    /** An ISO 8601 duration that is not negative (zero for null text); null, with an error, when it is not one. */
    static java.time.Duration duration(String path, String text, List<FieldError> errors) {
        if (text == null) {
            return java.time.Duration.ZERO;
        }
        try {
            java.time.Duration d = java.time.Duration.parse(text);
            if (d.isNegative()) {
                errors.add(FieldError.mapping(path, "'" + text + "' is negative", "Use a duration such as PT2H."));
                return null;
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(FieldError.mapping(path, "'" + text + "' is not an ISO 8601 duration",
                    "Write hours as PT2H, days as PT72H or P3D."));
            return null;
        }
    }
}
