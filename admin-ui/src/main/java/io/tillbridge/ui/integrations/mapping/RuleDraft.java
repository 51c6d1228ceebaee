package io.tillbridge.ui.integrations.mapping;

import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.mapping.MappingSpec.FieldRule;
import java.util.Arrays;
import java.util.List;

/**
 * One target field's rule while it is edited: every part of a {@link FieldRule} as the builder's fields
 * hold it (text), turned back into a rule for each preview and save. A target without a rule is
 * {@link Kind#NONE} and left out of the mapping.
 */
final class RuleDraft {

    /** Where the value comes from. */
    enum Kind {
        NONE("Not mapped"), SOURCE("Copy or rename a source field"), SOURCES("Concatenate source fields"),
        CONSTANT("Constant"), EXPRESSION("CEL expression");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    String target;
    boolean requiredByTarget;
    String targetType = "";
    Kind kind = Kind.NONE;
    String source = "";
    String sources = "";
    String separator = "";
    /** The constant as it was loaded (a number stays a number) until it is edited. */
    Object constant = "";
    String expression = "";
    String splitSeparator = "";
    Integer splitIndex;
    Object defaultValue = "";
    boolean required;
    boolean trim;
    String letterCase = "";
    String moneyFrom = "";
    String moneyTo = "";
    String currency = "";
    String currencySource = "";
    String convertTo = "";
    String zone = "";
    String assumeZone = "";
    String dayZone = "";
    String dayZoneSource = "";
    String closeOut = "";
    String valueMap = "";
    String type = "";
    /** What the mapping engine says is wrong with this rule, or empty. */
    String problem = "";

    RuleDraft(String target) {
        this.target = target;
    }

    static RuleDraft of(FieldRule rule) {
        RuleDraft d = new RuleDraft(rule.target());
        if (rule.source() != null) {
            d.kind = Kind.SOURCE;
            d.source = rule.source();
        } else if (rule.sources() != null) {
            d.kind = Kind.SOURCES;
            d.sources = String.join(", ", rule.sources());
            d.separator = text(rule.separator());
        } else if (rule.constant() != null) {
            d.kind = Kind.CONSTANT;
            d.constant = rule.constant();
        } else if (rule.expression() != null) {
            d.kind = Kind.EXPRESSION;
            d.expression = rule.expression();
        }
        if (rule.split() != null) {
            d.splitSeparator = text(rule.split().separator());
            d.splitIndex = rule.split().index();
        }
        d.defaultValue = rule.defaultValue() == null ? "" : rule.defaultValue();
        d.required = Boolean.TRUE.equals(rule.required());
        d.trim = Boolean.TRUE.equals(rule.trim());
        d.letterCase = text(rule.letterCase());
        if (rule.money() != null) {
            d.moneyFrom = text(rule.money().from());
            d.moneyTo = text(rule.money().to());
            d.currency = text(rule.money().currency());
            d.currencySource = text(rule.money().currencySource());
            d.convertTo = text(rule.money().convertTo());
        }
        if (rule.dateTime() != null) {
            d.zone = text(rule.dateTime().zone());
            d.assumeZone = text(rule.dateTime().assumeZone());
        }
        if (rule.businessDay() != null) {
            d.dayZone = text(rule.businessDay().zone());
            d.dayZoneSource = text(rule.businessDay().zoneSource());
            d.closeOut = text(rule.businessDay().closeOut());
        }
        d.valueMap = text(rule.valueMap());
        d.type = text(rule.type());
        return d;
    }

    boolean mapped() {
        return kind != Kind.NONE;
    }

    /** The rule as the mapping engine takes it; blank parts are left out. */
    FieldRule toRule() {
        List<String> joined = kind == Kind.SOURCES ? Arrays.stream(sources.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList() : null;
        MappingSpec.Split split = blank(splitSeparator) && splitIndex == null ? null
                : new MappingSpec.Split(splitSeparator, splitIndex == null ? 0 : splitIndex);
        MappingSpec.Money money = blank(moneyFrom) && blank(moneyTo) && blank(currency) && blank(currencySource)
                ? null : new MappingSpec.Money(orNull(moneyFrom), orNull(moneyTo), orNull(currency), orNull(currencySource),
                        orNull(convertTo));
        MappingSpec.DateTime dateTime = blank(zone) ? null : new MappingSpec.DateTime(zone.strip(), orNull(assumeZone));
        MappingSpec.BusinessDay day = blank(dayZone) && blank(dayZoneSource) ? null
                : new MappingSpec.BusinessDay(orNull(dayZone), orNull(dayZoneSource), orNull(closeOut));
        return new FieldRule(target, kind == Kind.SOURCE ? source.strip() : null, joined,
                kind == Kind.SOURCES ? separator : null, kind == Kind.CONSTANT ? constant : null,
                kind == Kind.EXPRESSION ? expression : null, split, emptyToNull(defaultValue), required ? Boolean.TRUE : null,
                trim ? Boolean.TRUE : null, orNull(letterCase), money, dateTime, day, orNull(valueMap), orNull(type));
    }

    /** The rule in a few words, for the mapping grid. */
    String summary() {
        StringBuilder s = new StringBuilder(switch (kind) {
            case NONE -> "not mapped";
            case SOURCE -> "from " + source;
            case SOURCES -> "joined from " + sources + (separator.isEmpty() ? "" : " with '" + separator + "'");
            case CONSTANT -> "constant " + constant;
            case EXPRESSION -> "= " + expression;
        });
        if (!blank(splitSeparator)) {
            s.append(", part ").append(splitIndex == null ? 0 : splitIndex).append(" split by '").append(splitSeparator).append("'");
        }
        if (!String.valueOf(defaultValue).isEmpty()) {
            s.append(", default ").append(defaultValue);
        }
        if (required) {
            s.append(", required");
        }
        if (!blank(moneyFrom) || !blank(moneyTo)) {
            s.append(", money ").append(moneyFrom).append(" to ").append(moneyTo)
                    .append(blank(currency) ? blank(currencySource) ? "" : " by " + currencySource : " " + currency);
        }
        if (!blank(zone)) {
            s.append(", in ").append(zone);
        }
        if (!blank(dayZone) || !blank(dayZoneSource)) {
            s.append(", business day in ").append(blank(dayZone) ? dayZoneSource : dayZone)
                    .append(blank(closeOut) ? "" : " closing " + closeOut);
        }
        if (!blank(valueMap)) {
            s.append(", values mapped by ").append(valueMap);
        }
        if (!blank(type)) {
            s.append(", as ").append(type);
        }
        return s.toString();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String orNull(String s) {
        return blank(s) ? null : s.strip();
    }

    private static Object emptyToNull(Object o) {
        return o == null || o instanceof String s && s.isEmpty() ? null : o;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
