package io.tillbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldSuggestionsTest {

    private static FieldDescriptor f(String name, FieldType type) {
        return new FieldDescriptor(name, type, true, List.of());
    }

    @Test
    void same_names_in_another_case_or_style_pair_with_full_confidence() {
        assertThat(FieldSuggestions.suggest(List.of(f("SKU", FieldType.STRING)), List.of(f("sku", FieldType.STRING))))
                .singleElement().satisfies(s -> assertThat(s.confidence()).isEqualTo(1.0));
    }

    @Test
    void known_synonyms_pair() {
        List<FieldSuggestions.Suggestion> s = FieldSuggestions.suggest(
                List.of(f("item_code", FieldType.STRING), f("total_money.amount", FieldType.NUMBER), f("note", FieldType.STRING)),
                List.of(f("sku", FieldType.STRING), f("amount", FieldType.NUMBER)));
        assertThat(s).extracting(FieldSuggestions.Suggestion::source, FieldSuggestions.Suggestion::target)
                .contains(org.assertj.core.groups.Tuple.tuple("item_code", "sku"),
                        org.assertj.core.groups.Tuple.tuple("total_money.amount", "amount"));
        assertThat(s).allSatisfy(x -> assertThat(x.confidence()).isGreaterThanOrEqualTo(0.8));
    }

    @Test
    void incompatible_types_lower_the_confidence() {
        double same = FieldSuggestions.score(f("quantity", FieldType.NUMBER), f("quantity", FieldType.NUMBER)).confidence();
        double cast = FieldSuggestions.score(f("quantity", FieldType.STRING), f("quantity", FieldType.NUMBER)).confidence();
        assertThat(cast).isLessThan(same);
    }

    @Test
    void unrelated_names_are_not_proposed_and_each_source_is_used_once() {
        List<FieldSuggestions.Suggestion> s = FieldSuggestions.suggest(List.of(f("id", FieldType.STRING)),
                List.of(f("id", FieldType.STRING), f("external_id", FieldType.STRING), f("colour", FieldType.STRING)));
        assertThat(s).singleElement().satisfies(x -> assertThat(x.target()).isEqualTo("id"));
    }

    @Test
    void a_name_made_of_the_other_names_words_pairs_with_medium_confidence() {
        assertThat(FieldSuggestions.suggest(List.of(f("id", FieldType.STRING), f("note", FieldType.STRING)),
                List.of(f("orderId", FieldType.STRING)))).singleElement().satisfies(x -> {
                    assertThat(x.source()).isEqualTo("id");
                    assertThat(x.confidence()).isEqualTo(0.6);
                });
    }
}
