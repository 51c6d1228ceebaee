package io.tillbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code document} and {@code final} parts of an aggregate: their JSON and their checks. */
class AggregateDocumentSpecTest {

    private static final String FIELDS = "'fields': [{'target': 'date', 'source': 'day'}, {'target': 'account', 'source': 'a'},"
            + " {'target': 'debit', 'source': 'd', 'type': 'decimal'}, {'target': 'credit', 'source': 'c', 'type': 'decimal'},"
            + " {'target': 'ends', 'source': 'e'}]";

    private static List<FieldError> errors(String aggregate) {
        MappingSpec spec = Specs.spec("{" + FIELDS + ", 'aggregate': " + aggregate + "}");
        return MappingValidator.validate(spec, null, null, List.of());
    }

    @Test
    void document_and_final_survive_writing_and_reading_under_their_json_names() {
        MappingSpec spec = MappingSpecJson.read(SalesJournalMappingTest.template()).spec();

        JsonNode written = MappingSpecJson.tree(spec);

        assertThat(written.path("aggregate").path("document").path("lines").asText()).isEqualTo("lines");
        assertThat(written.path("aggregate").path("final").path("endsAt").asText()).isEqualTo("day_ends_at");
        assertThat(written.path("aggregate").path("final").path("settle").asText()).isEqualTo("PT2H");
        assertThat(written.path("aggregate").path("final").path("lateWindow").asText()).isEqualTo("PT72H");
        assertThat(written.path("aggregate").has("finality")).isFalse();
        assertThat(MappingSpecJson.read(MappingSpecJson.write(spec)).spec()).isEqualTo(spec);
    }

    @Test
    void an_unknown_property_of_final_is_refused_with_its_path() {
        MappingSpecJson.Parsed parsed = MappingSpecJson.read(("{" + FIELDS + ", 'aggregate': {'groupBy': ['date'],"
                + " 'final': {'endsAt': 'ends', 'lateWindw': 'PT72H'}}}").replace('\'', '"'));

        assertThat(parsed.ok()).isFalse();
        assertThat(parsed.errors()).singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("aggregate.final.lateWindw"));
    }

    @Test
    void the_template_compiles_without_errors() {
        assertThat(MappingValidator.validate(MappingSpecJson.read(SalesJournalMappingTest.template()).spec(), null, null,
                List.of())).isEmpty();
    }

    @Test
    void a_document_without_a_balance_is_refused() {
        assertThat(errors("{'groupBy': ['date', 'account'], 'sum': ['debit', 'credit'], 'document': {'lines': 'lines'}}"))
                .singleElement().satisfies(e -> {
                    assertThat(e.path()).isEqualTo("aggregate.document");
                    assertThat(e.message()).isEqualTo("a document needs a balance: it is one journal");
                });
    }

    @Test
    void document_lines_named_like_a_journal_field_are_refused() {
        assertThat(errors("{'groupBy': ['date', 'account'], 'sum': ['debit', 'credit'],"
                + " 'balance': {'by': ['date'], 'debit': 'debit', 'credit': 'credit'}, 'document': {'lines': 'date'}}"))
                .singleElement().satisfies(e -> {
                    assertThat(e.path()).isEqualTo("aggregate.document.lines");
                    assertThat(e.message()).contains("'date' is one of balance.by");
                });
    }

    @Test
    void a_final_whose_ends_at_is_grouped_by_is_refused() {
        assertThat(errors("{'groupBy': ['date', 'ends'], 'sum': ['debit'], 'final': {'endsAt': 'ends'}}"))
                .singleElement().satisfies(e -> {
                    assertThat(e.path()).isEqualTo("aggregate.final.endsAt");
                    assertThat(e.message()).contains("cannot also be grouped, summed or balanced by");
                });
    }

    @Test
    void a_final_whose_ends_at_is_not_mapped_is_refused() {
        assertThat(errors("{'groupBy': ['date'], 'sum': ['debit'], 'final': {'endsAt': 'day_ends_at'}}"))
                .singleElement().satisfies(e -> {
                    assertThat(e.path()).isEqualTo("aggregate.final.endsAt");
                    assertThat(e.message()).isEqualTo("'day_ends_at' is not a mapped target field");
                });
    }

    @Test
    void durations_that_are_not_iso_8601_or_are_negative_are_refused_with_their_paths() {
        assertThat(errors("{'groupBy': ['date'], 'sum': ['debit'],"
                + " 'final': {'endsAt': 'ends', 'settle': '2 hours', 'lateWindow': '-PT1H'}}"))
                .extracting(FieldError::path, FieldError::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aggregate.final.settle", "'2 hours' is not an ISO 8601 duration"),
                        org.assertj.core.groups.Tuple.tuple("aggregate.final.lateWindow", "'-PT1H' is negative"));
    }

    @Test
    void a_validator_with_a_target_expects_the_journal_fields_and_lines_of_a_document() {
        MappingSpec spec = MappingSpecJson.read(SalesJournalMappingTest.template()).spec();
        io.tillbridge.connector.spi.StreamDescriptor journal = new io.tillbridge.connector.spi.StreamDescriptor(
                "journal_entries", List.of(
                        new io.tillbridge.connector.spi.FieldDescriptor("date", io.tillbridge.connector.spi.FieldDescriptor.FieldType.STRING, false, List.of()),
                        new io.tillbridge.connector.spi.FieldDescriptor("currency", io.tillbridge.connector.spi.FieldDescriptor.FieldType.STRING, false, List.of()),
                        new io.tillbridge.connector.spi.FieldDescriptor("location_id", io.tillbridge.connector.spi.FieldDescriptor.FieldType.STRING, true, List.of()),
                        new io.tillbridge.connector.spi.FieldDescriptor("memo", io.tillbridge.connector.spi.FieldDescriptor.FieldType.STRING, false, List.of()),
                        new io.tillbridge.connector.spi.FieldDescriptor("lines", io.tillbridge.connector.spi.FieldDescriptor.FieldType.ARRAY, false, List.of())),
                "", "");

        List<FieldError> errors = MappingValidator.validate(spec, null, journal, List.of());

        assertThat(errors).as("date, currency and lines are produced; memo is not").singleElement()
                .satisfies(e -> assertThat(e.path()).isEqualTo("memo"));
    }
}
