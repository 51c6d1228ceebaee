package io.tillbridge.connector.mapping;

import static io.tillbridge.connector.mapping.Specs.compile;
import static io.tillbridge.connector.mapping.Specs.only;
import static io.tillbridge.connector.mapping.Specs.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void minor_units_become_decimals_by_the_currencys_digits() {
        CompiledMapping m = compile("{'fields': [{'target': 'total', 'source': 'm.amount',"
                + "'money': {'from': 'minor', 'to': 'decimal', 'currencySource': 'm.currency'}}]}");
        assertThat(only(m.map(record("{'m': {'amount': 1050, 'currency': 'USD'}}"))).get("total")).isEqualTo(new BigDecimal("10.50"));
        assertThat(only(m.map(record("{'m': {'amount': 1050, 'currency': 'JPY'}}"))).get("total")).isEqualTo(new BigDecimal("1050"));
        assertThat(only(m.map(record("{'m': {'amount': 1050, 'currency': 'BHD'}}"))).get("total")).isEqualTo(new BigDecimal("1.050"));
    }

    @Test
    void decimals_become_minor_units_and_extra_decimals_are_an_error() {
        CompiledMapping m = compile("{'fields': [{'target': 'cents', 'source': 'a', 'money': {'from': 'decimal', 'to': 'minor', 'currency': 'EUR'}}]}");
        assertThat(only(m.map(record("{'a': 10.5}"))).get("cents")).isEqualTo(new BigDecimal("1050"));
        assertThat(m.map(record("{'a': 10.505}")).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("more decimals"));
    }

    @Test
    void conversion_uses_the_stated_rate_and_rounds_half_even_to_the_target_digits() {
        CompiledMapping m = compile("{'rates': {'EUR': {'USD': 1.0825}}, 'fields': [{'target': 'usd', 'source': 'a',"
                + "'money': {'from': 'minor', 'to': 'decimal', 'currency': 'EUR', 'convertTo': 'USD'}}]}");
        // 10.00 EUR * 1.0825 = 10.825 -> 10.82 (half even)
        assertThat(only(m.map(record("{'a': 1000}"))).get("usd")).isEqualTo(new BigDecimal("10.82"));
    }

    @Test
    void the_reverse_rate_is_used_when_only_it_is_stated() {
        CompiledMapping m = compile("{'rates': {'USD': {'EUR': 0.5}}, 'fields': [{'target': 'usd', 'source': 'a',"
                + "'money': {'from': 'decimal', 'to': 'decimal', 'currency': 'EUR', 'convertTo': 'USD'}}]}");
        assertThat(only(m.map(record("{'a': 3}"))).get("usd")).isEqualTo(new BigDecimal("6.00"));
    }

    @Test
    void a_currency_without_a_rate_is_a_record_error_naming_the_pair() {
        CompiledMapping m = compile("{'fields': [{'target': 'usd', 'source': 'a.amount',"
                + "'money': {'from': 'minor', 'to': 'decimal', 'currencySource': 'a.currency', 'convertTo': 'USD'}}]}");
        assertThat(m.map(record("{'a': {'amount': 100, 'currency': 'GBP'}}")).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("GBP").contains("USD"));
    }

    @Test
    void an_unknown_currency_is_a_record_error() {
        CompiledMapping m = compile("{'fields': [{'target': 't', 'source': 'a.amount',"
                + "'money': {'from': 'minor', 'to': 'decimal', 'currencySource': 'a.currency'}}]}");
        assertThat(m.map(record("{'a': {'amount': 100, 'currency': 'XYZ1'}}")).errors()).singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo("XYZ1"));
    }
}
