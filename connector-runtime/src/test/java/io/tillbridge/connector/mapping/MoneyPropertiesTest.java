package io.tillbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Money conversions round-trip in every currency the JDK knows with a number of digits. */
class MoneyPropertiesTest {

    private static final List<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .filter(c -> c.getDefaultFractionDigits() >= 0)
            .map(Currency::getCurrencyCode)
            .sorted()
            .toList();

    private static final long[] EDGE_LONGS = {0, 1, -1, 99, -99, 100, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MAX_VALUE - 1, Long.MIN_VALUE + 1};

    private record Amount(String currency, long value) {
    }

    private static Amount amount(Random random) {
        String currency = CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        int shape = random.nextInt(4);
        long value = shape == 0 ? EDGE_LONGS[random.nextInt(EDGE_LONGS.length)]
                : shape == 1 ? random.nextInt(2_000_001) - 1_000_000L
                : random.nextLong();
        return new Amount(currency, value);
    }

    @Test
    void minor_units_survive_the_round_trip_through_decimal() {
        PropertyRuns.forAll(2000, MoneyPropertiesTest::amount, a -> {
            int digits = Money.digits(a.currency()).orElseThrow();
            BigDecimal decimal = Money.fromMinor(BigDecimal.valueOf(a.value()), digits);
            assertThat(decimal.scale()).isEqualTo(digits);
            assertThat(Money.toMinor(decimal, digits)).isEqualTo(BigDecimal.valueOf(a.value()));
        });
    }

    @Test
    void decimals_within_the_currencys_digits_survive_the_round_trip_through_minor_units() {
        PropertyRuns.forAll(2000, MoneyPropertiesTest::amount, a -> {
            int digits = Money.digits(a.currency()).orElseThrow();
            BigDecimal decimal = BigDecimal.valueOf(a.value(), digits);
            assertThat(Money.fromMinor(Money.toMinor(decimal, digits), digits)).isEqualTo(decimal);
        });
    }

    @Test
    void every_currency_with_digits_round_trips_through_a_mapping() {
        PropertyRuns.forAll(500, random -> new Amount(CURRENCIES.get(random.nextInt(CURRENCIES.size())),
                random.nextInt(4) == 0 ? (int) EDGE_LONGS[random.nextInt(6)] : random.nextInt()), a -> {
            CompiledMapping there = Specs.compile("{'fields': [{'target': 'd', 'source': 'a', 'money': {'from': 'minor', 'to': 'decimal', 'currency': '"
                    + a.currency() + "'}}]}");
            CompiledMapping back = Specs.compile("{'fields': [{'target': 'a', 'source': 'd', 'money': {'from': 'decimal', 'to': 'minor', 'currency': '"
                    + a.currency() + "'}}]}");
            Object decimal = Specs.only(there.map(Specs.map("a", BigDecimal.valueOf(a.value())))).get("d");
            assertThat(Specs.only(back.map(Specs.map("d", decimal))).get("a")).isEqualTo(BigDecimal.valueOf(a.value()));
        });
    }
}
