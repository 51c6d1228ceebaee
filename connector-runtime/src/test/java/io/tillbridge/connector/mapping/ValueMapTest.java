package io.tillbridge.connector.mapping;

import static io.tillbridge.connector.mapping.Specs.compile;
import static io.tillbridge.connector.mapping.Specs.only;
import static io.tillbridge.connector.mapping.Specs.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ValueMapTest {

    private static CompiledMapping accounts(String policy) {
        return compile("{'valueMaps': {'accounts': {'entries': {'CARD': '1200', 'CASH': '1000'}" + policy + "}},"
                + "'fields': [{'target': 'account', 'source': 'method', 'valueMap': 'accounts'}]}");
    }

    @Test
    void a_mapped_value_is_looked_up() {
        assertThat(only(accounts("").map(record("{'method': 'CARD'}")))).containsEntry("account", "1200");
    }

    @Test
    void an_unmapped_value_holds_the_record_by_default_naming_the_value() {
        RecordOutcome outcome = accounts("").map(record("{'method': 'APPLE_PAY'}"));
        assertThat(outcome.outputs()).isEmpty();
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.category()).isEqualTo(FieldError.Category.UNMAPPED_VALUE);
            assertThat(e.path()).isEqualTo("account");
            assertThat(e.value()).isEqualTo("APPLE_PAY");
            assertThat(e.message()).contains("APPLE_PAY").contains("accounts");
        });
    }

    @Test
    void the_fallback_policy_uses_the_fallback() {
        assertThat(only(accounts(", 'unmapped': 'fallback', 'fallback': '1999'").map(record("{'method': 'APPLE_PAY'}"))))
                .containsEntry("account", "1999");
    }

    @Test
    void the_pass_through_policy_keeps_the_value() {
        assertThat(only(accounts(", 'unmapped': 'pass_through'").map(record("{'method': 'APPLE_PAY'}"))))
                .containsEntry("account", "APPLE_PAY");
    }

    @Test
    void numbers_are_looked_up_by_their_plain_text_with_or_without_trailing_zeros() {
        CompiledMapping m = compile("{'valueMaps': {'tax': {'entries': {'8.875': 'NY', '20': 'VAT20'}}},"
                + "'fields': [{'target': 'code', 'source': 'rate', 'valueMap': 'tax'}]}");
        assertThat(only(m.map(Specs.map("rate", new BigDecimal("8.875"))))).containsEntry("code", "NY");
        assertThat(only(m.map(Specs.map("rate", new BigDecimal("20.00"))))).containsEntry("code", "VAT20");
    }

    @Test
    void a_value_map_that_does_not_exist_does_not_compile() {
        MappingCompiler.Compilation c = MappingCompiler.compile(Specs.spec(
                "{'fields': [{'target': 'account', 'source': 'method', 'valueMap': 'acounts'}]}"));
        assertThat(c.errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("account");
            assertThat(e.category()).isEqualTo(FieldError.Category.MAPPING);
        });
    }
}
