package io.tillbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MoneyPropertiesTest {

    @Provide
    Arbitrary<String> currencies() {
        Set<String> codes = Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getDefaultFractionDigits() >= 0)
                .map(Currency::getCurrencyCode)
                .collect(Collectors.toSet());
        return Arbitraries.of(codes);
    }

    @Property(tries = 2000)
    void minor_units_survive_the_round_trip_through_decimal(@ForAll("currencies") String currency, @ForAll long minor) {
        int digits = Money.digits(currency).orElseThrow();
        BigDecimal decimal = Money.fromMinor(BigDecimal.valueOf(minor), digits);
        assertThat(decimal.scale()).isEqualTo(digits);
        assertThat(Money.toMinor(decimal, digits)).isEqualTo(BigDecimal.valueOf(minor));
    }

    @Property(tries = 2000)
    void decimals_within_the_currencys_digits_survive_the_round_trip_through_minor_units(
            @ForAll("currencies") String currency, @ForAll long unscaled) {
        int digits = Money.digits(currency).orElseThrow();
        BigDecimal decimal = BigDecimal.valueOf(unscaled, digits);
        assertThat(Money.fromMinor(Money.toMinor(decimal, digits), digits)).isEqualTo(decimal);
    }

    @Property(tries = 500)
    void every_currency_with_digits_round_trips_through_a_mapping(@ForAll("currencies") String currency, @ForAll int minor) {
        CompiledMapping there = Specs.compile("{'fields': [{'target': 'd', 'source': 'a', 'money': {'from': 'minor', 'to': 'decimal', 'currency': '"
                + currency + "'}}]}");
        CompiledMapping back = Specs.compile("{'fields': [{'target': 'a', 'source': 'd', 'money': {'from': 'decimal', 'to': 'minor', 'currency': '"
                + currency + "'}}]}");
        Object decimal = Specs.only(there.map(Specs.map("a", BigDecimal.valueOf(minor)))).get("d");
        assertThat(Specs.only(back.map(Specs.map("d", decimal))).get("a")).isEqualTo(BigDecimal.valueOf(minor));
    }
}
