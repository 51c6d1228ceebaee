package io.tillbridge.connector.mapping;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** One field rule, compiled: every path parsed, every zone and expression resolved once. */
final class CompiledField {

    /** Where the raw value comes from. */
    interface ValueSource {
        Object read(Map<String, Object> record, Object aliasValue);
    }

    record MoneyStep(boolean fromMinor, boolean toMinor, String currency, ValuePath currencySource,
            String convertTo, int convertToDigits) {
    }

    record BusinessDayStep(ZoneId zone, ValuePath zoneSource, LocalTime closeOut) {
    }

    final String target;
    final String[] targetPath;
    final ValueSource source;
    final Pattern splitPattern;
    final int splitIndex;
    final Object defaultValue;
    final boolean required;
    final boolean trim;
    final Boolean upper; // null: leave the case
    final MoneyStep money;
    final ZoneId dateTimeZone;
    final ZoneId dateTimeAssume;
    final BusinessDayStep businessDay;
    final CompiledValueMap valueMap;
    final ValueType type;
    final ValueType producedType;

    CompiledField(String target, ValueSource source, Pattern splitPattern, int splitIndex, Object defaultValue,
            boolean required, boolean trim, Boolean upper, MoneyStep money, ZoneId dateTimeZone, ZoneId dateTimeAssume,
            BusinessDayStep businessDay, CompiledValueMap valueMap, ValueType type, ValueType producedType) {
        this.target = target;
        this.targetPath = target.split("\\.");
        this.source = source;
        this.splitPattern = splitPattern;
        this.splitIndex = splitIndex;
        this.defaultValue = defaultValue;
        this.required = required;
        this.trim = trim;
        this.upper = upper;
        this.money = money;
        this.dateTimeZone = dateTimeZone;
        this.dateTimeAssume = dateTimeAssume;
        this.businessDay = businessDay;
        this.valueMap = valueMap;
        this.type = type;
        this.producedType = producedType;
    }

    /** The field's value for one row; throws {@link ValueException} when the row's value cannot be mapped. */
    Object apply(Map<String, Object> record, Object aliasValue, Map<String, Map<String, BigDecimal>> rates) {
        Object value = source.read(record, aliasValue);
        if (splitPattern != null && value != null) {
            if (!(value instanceof String)) {
                throw new ValueException(ValueType.kind(value) + " cannot be split", "Split only text fields.", value);
            }
            String[] parts = splitPattern.split((String) value, -1);
            value = splitIndex < parts.length ? parts[splitIndex] : null;
        }
        if (Values.isBlank(value) && defaultValue != null) {
            value = defaultValue;
        }
        if (value == null) {
            if (required) {
                throw new ValueException("required value is missing", "Give the field a default, or fix the source record.", null);
            }
            return null;
        }
        if (trim && value instanceof String) {
            value = ((String) value).strip();
        }
        if (upper != null && value instanceof String) {
            value = upper ? ((String) value).toUpperCase(Locale.ROOT) : ((String) value).toLowerCase(Locale.ROOT);
        }
        if (money != null) {
            value = money(value, record, aliasValue, rates);
        }
        if (dateTimeZone != null) {
            value = DateTimes.parseDateTime(value, dateTimeAssume).withZoneSameInstant(dateTimeZone)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
        if (businessDay != null) {
            ZoneId zone = businessDay.zone() != null ? businessDay.zone()
                    : DateTimes.zone(businessDay.zoneSource().read(record, aliasValue), "time zone '"
                            + businessDay.zoneSource().text() + "'");
            ZonedDateTime moment = DateTimes.parseDateTime(value, zone);
            value = DateTimes.businessDay(moment, zone, businessDay.closeOut()).toString();
        }
        if (valueMap != null) {
            value = valueMap.lookup(value);
        }
        if (type != null && value != null) {
            value = type.cast(value);
        }
        return value;
    }

    private Object money(Object value, Map<String, Object> record, Object aliasValue,
            Map<String, Map<String, BigDecimal>> rates) {
        String currency = money.currency();
        if (currency == null) {
            Object code = money.currencySource().read(record, aliasValue);
            if (!(code instanceof String)) {
                throw new ValueException("currency at '" + money.currencySource().text() + "' is missing",
                        "Map a currency code field, or state the currency in the rule.", code);
            }
            currency = (String) code;
            if (Money.digits(currency).isEmpty()) {
                currency = currency.trim().toUpperCase(Locale.ROOT);
            }
        }
        Integer digits = Money.digits(currency).orElse(null);
        if (digits == null) {
            throw new ValueException("'" + currency + "' is not an ISO 4217 currency code",
                    "Use a code such as USD, EUR or JPY.", currency);
        }
        BigDecimal amount = ValueType.decimal(value);
        BigDecimal decimal = money.fromMinor() ? Money.fromMinor(amount, digits) : amount;
        int outDigits = digits;
        if (money.convertTo() != null) {
            decimal = Money.convert(decimal, currency, money.convertTo(), money.convertToDigits(), rates);
            outDigits = money.convertToDigits();
        }
        return money.toMinor() ? Money.toMinor(decimal, outDigits) : decimal;
    }

    /** Puts the value at the target path, creating nested objects. */
    void put(Map<String, Object> out, Object value) {
        if (targetPath.length == 1) {
            out.put(target, value);
            return;
        }
        Map<String, Object> node = out;
        for (int i = 0; i < targetPath.length - 1; i++) {
            Object next = node.get(targetPath[i]);
            if (!(next instanceof Map)) {
                next = new java.util.LinkedHashMap<String, Object>();
                node.put(targetPath[i], next);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> child = (Map<String, Object>) next;
            node = child;
        }
        node.put(targetPath[targetPath.length - 1], value);
    }

    static ValueSource concat(List<ValuePath> paths, String separator) {
        return (record, alias) -> {
            StringBuilder b = new StringBuilder();
            boolean any = false;
            for (ValuePath p : paths) {
                Object v = p.read(record, alias);
                if (v == null) {
                    continue;
                }
                if (any) {
                    b.append(separator);
                }
                b.append(v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : v.toString());
                any = true;
            }
            return any ? b.toString() : null;
        };
    }
}
