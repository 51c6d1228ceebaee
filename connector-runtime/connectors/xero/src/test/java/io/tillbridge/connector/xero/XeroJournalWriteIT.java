package io.tillbridge.connector.xero;

import static io.tillbridge.connector.xero.XeroFixture.day;
import static io.tillbridge.connector.xero.XeroFixture.journal;
import static io.tillbridge.connector.xero.XeroFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.accounting.AccountingObjects;
import io.tillbridge.connector.accounting.DocumentNumbers;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.spi.WriteResult.Outcome;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class XeroJournalWriteIT {

    private final XeroFixture fixture = new XeroFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<WriteResult> write(XeroConfig config, WriteRecord... records) {
        try (XeroConnector connector = fixture.connector()) {
            return connector.write(config, AccountingObjects.JOURNAL_ENTRIES, List.of(records));
        }
    }

    private List<WriteResult> write(WriteRecord... records) {
        return write(fixture.config(), records);
    }

    @Test
    void a_balanced_journal_is_posted_once_and_the_same_batch_again_is_unchanged() {
        List<WriteResult> first = write(day(key(1)));
        List<WriteResult> second = write(day(key(1)));

        assertThat(first).extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN);
        assertThat(second).extracting(WriteResult::outcome).containsExactly(Outcome.UNCHANGED);
        assertThat(second.get(0).targetRef()).isEqualTo(first.get(0).targetRef());
        assertThat(fixture.xero.manualJournals()).hasSize(1);
        JsonNode posted = fixture.xero.manualJournals().get(0);
        assertThat(posted.path("Narration").asText()).startsWith(DocumentNumbers.of(key(1)));
        assertThat(posted.path("Status").asText()).isEqualTo("POSTED");
        assertThat(posted.path("JournalLines").findValuesAsText("LineAmount")).containsExactly("120.00", "-100.00", "-20.00");
    }

    @Test
    void an_unbalanced_or_unmapped_record_is_rejected_while_the_others_of_the_batch_are_written() {
        WriteRecord unbalanced = journal(key(2), "", "2026-12-01", new Object[] {"091", "tender:card", "120.00", null},
                new Object[] {"200", "sales:Food", null, "100.00"});
        WriteRecord unknownAccount = journal(key(3), "", "2026-12-01", new Object[] {"091", "tender:card", "5.00", null},
                new Object[] {"999", "sales:Unmapped", null, "5.00"});

        List<WriteResult> results = write(day(key(1)), unbalanced, unknownAccount, day(key(4)));

        assertThat(results).extracting(WriteResult::outcome)
                .containsExactly(Outcome.WRITTEN, Outcome.REJECTED, Outcome.REJECTED, Outcome.WRITTEN);
        assertThat(results.get(1).reason()).contains("does not balance").contains("20.00");
        assertThat(results.get(2).reason()).contains("Account code '999' is not a valid code");
        assertThat(fixture.xero.manualJournals()).hasSize(2);
    }

    @Test
    void a_write_committed_before_the_connection_was_cut_is_found_and_not_posted_again() {
        fixture.xero.faults().commitThenCut(1);

        List<WriteResult> results = write(day(key(1)), day(key(2)));

        assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN, Outcome.WRITTEN);
        assertThat(fixture.xero.manualJournals()).hasSize(2);
        assertThat(fixture.xero.writeRequests()).as("found by the lookup, not sent again").isEqualTo(1);
        assertThat(results).extracting(WriteResult::targetRef).containsExactlyInAnyOrderElementsOf(
                fixture.xero.manualJournals().stream().map(j -> j.path("ManualJournalID").asText()).toList());
    }

    @Test
    void a_write_that_timed_out_before_it_was_committed_is_sent_again_and_posted_once() {
        fixture.xero.faults().dropAfter(1, Duration.ofMillis(1300));

        List<WriteResult> results = write(fixture.config().withPaging(100, 1, 3), day(key(1)));

        assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN);
        assertThat(fixture.xero.manualJournals()).hasSize(1);
        assertThat(fixture.xero.writeRequests()).as("not found by the lookup, so sent again").isEqualTo(2);
        assertThat(results.get(0).targetRef()).isEqualTo(fixture.xero.manualJournals().get(0).path("ManualJournalID").asText());
    }

    @Test
    void a_server_error_after_the_write_was_committed_is_looked_up_and_not_posted_again() {
        fixture.xero.faults().commitThenFail(1, 503);

        List<WriteResult> results = write(day(key(1)));

        assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN);
        assertThat(fixture.xero.manualJournals()).hasSize(1);
        assertThat(fixture.xero.writeRequests()).as("found by the lookup, not sent again").isEqualTo(1);
    }

    @Test
    void a_changed_journal_posts_only_the_difference_and_a_third_version_a_second_adjustment() {
        String id = write(day(key(1))).get(0).targetRef();
        WriteRecord refund = journal(key(1), id, "2026-12-01", new Object[] {"091", "tender:card", "108.00", null},
                new Object[] {"200", "sales:Food", null, "90.00"}, new Object[] {"820", "tax:VAT", null, "18.00"});
        WriteRecord tip = journal(key(1), id, "2026-12-01", new Object[] {"091", "tender:card", "113.00", null},
                new Object[] {"200", "sales:Food", null, "90.00"}, new Object[] {"820", "tax:VAT", null, "18.00"},
                new Object[] {"825", "tips", null, "5.00"});

        List<WriteResult> second = write(refund);
        List<WriteResult> third = write(tip);
        List<WriteResult> again = write(tip);

        assertThat(second).extracting(WriteResult::outcome, WriteResult::targetRef).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Outcome.WRITTEN, id));
        assertThat(third.get(0).outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(again.get(0).outcome()).isEqualTo(Outcome.UNCHANGED);
        List<JsonNode> journals = fixture.xero.manualJournals();
        String number = DocumentNumbers.of(key(1));
        assertThat(journals).extracting(j -> XeroJournals.numberOf(j.path("Narration").asText()))
                .containsExactly(number, number + "-A1", number + "-A2");
        assertThat(journals.get(1).path("Narration").asText()).contains("adjusts " + number + " of 2026-12-01");
        assertThat(journals.get(1).path("JournalLines").findValuesAsText("LineAmount"))
                .containsExactlyInAnyOrder("-12.00", "10.00", "2.00");
        assertThat(journals.get(2).path("JournalLines").findValuesAsText("LineAmount"))
                .containsExactlyInAnyOrder("5.00", "-5.00");
        Map<String, BigDecimal> perAccount = new HashMap<>();
        journals.forEach(j -> j.path("JournalLines").forEach(l -> perAccount.merge(l.path("AccountCode").asText(),
                l.path("LineAmount").decimalValue(), BigDecimal::add)));
        assertThat(perAccount).containsEntry("091", new BigDecimal("113.00")).containsEntry("200", new BigDecimal("-90.00"))
                .containsEntry("820", new BigDecimal("-18.00")).containsEntry("825", new BigDecimal("-5.00"));
    }

    @Test
    void an_adjustment_is_dated_on_the_posting_day_unless_the_config_says_original() {
        String id = write(day(key(1))).get(0).targetRef();
        WriteRecord changed = journal(key(1), id, "2026-12-01", new Object[] {"091", "tender:card", "60.00", null},
                new Object[] {"200", "sales:Food", null, "50.00"}, new Object[] {"820", "tax:VAT", null, "10.00"});

        write(changed);

        assertThat(XeroApi.date(fixture.xero.manualJournals().get(1).path("Date").asText()))
                .hasToString("2026-12-07");
    }

    @Test
    void with_corrections_edit_the_posted_journal_is_changed_in_place() {
        XeroConfig edit = fixture.config().withCorrections("edit", "posting");
        String id = write(edit, day(key(1))).get(0).targetRef();
        WriteRecord changed = journal(key(1), id, "2026-12-01", new Object[] {"091", "tender:card", "60.00", null},
                new Object[] {"200", "sales:Food", null, "50.00"}, new Object[] {"820", "tax:VAT", null, "10.00"});

        List<WriteResult> results = write(edit, changed);

        assertThat(results).extracting(WriteResult::outcome, WriteResult::targetRef)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Outcome.WRITTEN, id));
        assertThat(fixture.xero.manualJournals()).hasSize(1);
        assertThat(fixture.xero.manualJournals().get(0).path("JournalLines").findValuesAsText("LineAmount"))
                .containsExactly("60.00", "-50.00", "-10.00");
    }

    @Test
    void shadow_mode_sees_the_first_posting_and_its_adjustments_as_one_journal() {
        String id = write(day(key(1))).get(0).targetRef();
        WriteRecord changed = journal(key(1), id, "2026-12-01", new Object[] {"091", "tender:card", "60.00", null},
                new Object[] {"200", "sales:Food", null, "50.00"}, new Object[] {"820", "tax:VAT", null, "10.00"});
        write(changed);

        Map<String, Map<String, Object>> current;
        try (XeroConnector connector = fixture.connector()) {
            current = connector.current(fixture.config(), AccountingObjects.JOURNAL_ENTRIES, List.of(changed, day(key(9))));
        }

        assertThat(current).containsOnlyKeys(key(1));
        Map<String, Object> wanted = io.tillbridge.connector.accounting.JournalDocument.of(changed.data()).toData();
        assertThat(current.get(key(1)).get("lines")).isEqualTo(wanted.get("lines"));
        assertThat(current.get(key(1)).get("date")).isEqualTo("2026-12-01");
    }

    @Test
    void a_journal_in_another_currency_than_the_organisations_is_rejected() {
        WriteRecord usd = day(key(1));
        Map<String, Object> data = new HashMap<>(usd.data());
        data.put("currency", "USD");

        List<WriteResult> results = write(new WriteRecord(key(1), "", data));

        assertThat(results.get(0).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(results.get(0).reason()).contains("base currency GBP");
    }
}
