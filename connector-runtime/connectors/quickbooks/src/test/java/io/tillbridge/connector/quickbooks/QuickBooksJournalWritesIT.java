package io.tillbridge.connector.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.accounting.AccountingObjects.Corrections;
import io.tillbridge.connector.accounting.Adjustments;
import io.tillbridge.connector.accounting.DocumentNumbers;
import io.tillbridge.connector.accounting.JournalDocument;
import io.tillbridge.connector.quickbooks.QuickBooksConfig.AdjustmentDate;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandbox;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandboxOptions;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.spi.WriteResult.Outcome;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posting journals to the sandbox over real HTTP: once, rejected with reasons, resolved after unknown outcomes, adjusted. */
class QuickBooksJournalWritesIT {

    private static final Instant NOW = Instant.parse("2026-03-09T10:00:00Z");

    private QuickBooksSandbox sandbox;
    private ManualTime time;
    private QuickBooksConnector connector;
    private QuickBooksConfig config;
    private String card;
    private String apparel;
    private String tax;

    @BeforeEach
    void start() {
        sandbox = QuickBooksSandbox.start(QuickBooksSandboxOptions.defaults().withLimits(0, 0)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        time = new ManualTime(NOW);
        connector = new QuickBooksConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5, TestEgress.LOOPBACK);
        config = QuickBooksConfig.of(sandbox.baseUri(), sandbox.realmId(), sandbox.issueToken()).withLimits(50, 5, 3);
        card = Journals.account(sandbox, "1210");
        apparel = Journals.account(sandbox, "4010");
        tax = Journals.account(sandbox, "2110");
    }

    @AfterEach
    void stop() {
        connector.close();
        sandbox.close();
    }

    private WriteRecord day(String key, String targetRef, String total, String sales, String salesTax) {
        return new WriteRecord(key, targetRef, Journals.journal("2026-03-01", card, total, apparel, sales, tax, salesTax));
    }

    private List<WriteResult> write(QuickBooksConfig c, WriteRecord... records) {
        return connector.write(c, "journal_entries", List.of(records));
    }

    private List<JsonNode> entries() {
        return sandbox.entities("JournalEntry");
    }

    @Test
    void a_balanced_journal_is_posted_once_and_the_second_write_of_the_batch_is_unchanged() {
        WriteRecord record = day("ledger-a", "", "107.40", "100.00", "7.40");
        List<WriteResult> first = write(config, record);
        List<WriteResult> second = write(config, record);
        assertThat(first.get(0).outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(second.get(0).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(second.get(0).targetRef()).isEqualTo(first.get(0).targetRef());
        assertThat(entries()).hasSize(1);
        JsonNode entry = entries().get(0);
        assertThat(entry.path("DocNumber").asText()).isEqualTo(DocumentNumbers.of("ledger-a"));
        assertThat(entry.path("Line")).hasSize(3);
        assertThat(sandbox.requests()).filteredOn(r -> r.startsWith("POST")).hasSize(1)
                .allMatch(r -> r.contains("requestid=ledger-a") && r.contains("minorversion=75"));
    }

    @Test
    void an_unbalanced_record_is_rejected_with_the_difference_and_the_batch_goes_on() {
        List<WriteResult> results = write(config, day("ledger-b1", "", "107.40", "100.00", "7.00"),
                day("ledger-b2", "", "10.70", "10.00", "0.70"));
        assertThat(results.get(0).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(results.get(0).reason()).contains("does not balance").contains("difference 0.40");
        assertThat(results.get(1).outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(entries()).hasSize(1);
    }

    @Test
    void an_account_quickbooks_does_not_have_is_rejected_naming_the_line() {
        WriteRecord unknown = new WriteRecord("ledger-c1", "", Journals.journal("2026-03-01", card, "10.70", "999999",
                "10.00", tax, "0.70"));
        WriteRecord unmapped = new WriteRecord("ledger-c2", "", Journals.journal("2026-03-01", card, "10.70", "",
                "10.00", tax, "0.70"));
        List<WriteResult> results = write(config, unknown, unmapped, day("ledger-c3", "", "1.07", "1.00", "0.07"));
        assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.REJECTED, Outcome.REJECTED,
                Outcome.WRITTEN);
        assertThat(results.get(0).reason()).contains("fault 2500").contains("Line 2").contains("999999");
        assertThat(results.get(1).reason()).contains("line 2").contains("'account' is missing");
    }

    @Test
    void a_write_cut_after_commit_is_found_by_its_doc_number_and_posted_once() {
        sandbox.faults().commitThenCut();
        List<WriteResult> results = write(config, day("ledger-d", "", "53.70", "50.00", "3.70"));
        assertThat(results.get(0).outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(entries()).hasSize(1);
        assertThat(results.get(0).targetRef()).isEqualTo(entries().get(0).path("Id").asText());
        assertThat(sandbox.requests()).filteredOn(r -> r.startsWith("POST")).hasSize(1);
    }

    @Test
    void a_write_answered_after_the_timeout_is_found_by_its_doc_number_and_posted_once() {
        sandbox.faults().commitThenStall(Duration.ofMillis(1600));
        List<WriteResult> results = write(config.withLimits(50, 1, 3), day("ledger-e", "", "53.70", "50.00", "3.70"));
        assertThat(results.get(0).outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(entries()).hasSize(1);
        assertThat(sandbox.requests()).filteredOn(r -> r.startsWith("POST")).hasSize(1);
    }

    @Test
    void a_write_that_timed_out_before_commit_is_sent_again_with_the_same_requestid_and_posted_once() {
        sandbox.faults().stallThenCut(Duration.ofMillis(1600));
        List<WriteResult> results = write(config.withLimits(50, 1, 3), day("ledger-f", "", "53.70", "50.00", "3.70"));
        assertThat(results.get(0).outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(entries()).hasSize(1);
        List<String> posts = sandbox.requests().stream().filter(r -> r.startsWith("POST")).toList();
        assertThat(posts).hasSize(2).allMatch(r -> r.contains("requestid=ledger-f"));
    }

    @Test
    void a_throttled_write_waits_a_minute_and_is_sent_again() {
        sandbox.faults().throttleNextWrite();
        List<WriteResult> results = write(config, day("ledger-g", "", "21.40", "20.00", "1.40"));
        assertThat(results.get(0).outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(time.waits()).contains(Duration.ofSeconds(60));
        assertThat(entries()).hasSize(1);
    }

    @Test
    void a_changed_journal_posts_adjusting_entries_of_only_the_difference() {
        String first = write(config, day("ledger-h", "", "107.40", "100.00", "7.40")).get(0).targetRef();
        WriteResult second = write(config, day("ledger-h", first, "128.88", "120.00", "8.88")).get(0);
        WriteResult third = write(config, day("ledger-h", first, "96.66", "90.00", "6.66")).get(0);
        WriteResult again = write(config, day("ledger-h", first, "96.66", "90.00", "6.66")).get(0);
        assertThat(List.of(second, third)).extracting(WriteResult::outcome).containsOnly(Outcome.WRITTEN);
        assertThat(List.of(second, third, again)).extracting(WriteResult::targetRef).containsOnly(first);
        assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
        String number = DocumentNumbers.of("ledger-h");
        assertThat(entries()).extracting(e -> e.path("DocNumber").asText())
                .containsExactly(number, number + "-A1", number + "-A2");
        JsonNode adjustment = entries().get(1);
        assertThat(adjustment.path("Line")).hasSize(3);
        assertThat(adjustment.path("PrivateNote").asText()).contains(number).contains("2026-03-01").contains(first);
        assertThat(adjustment.path("TxnDate").asText()).isEqualTo("2026-03-09");
        List<JournalDocument> posted = new ArrayList<>();
        entries().forEach(e -> posted.add(JournalPostings.document(e)));
        assertThat(Adjustments.sum(posted)).isEqualTo(JournalDocument.of(day("x", "", "96.66", "90.00", "6.66").data())
                .nets());
    }

    @Test
    void an_adjusting_entry_can_carry_the_original_date() {
        QuickBooksConfig original = config.withCorrections(Corrections.ADJUSTING_ENTRY, AdjustmentDate.ORIGINAL);
        String first = write(original, day("ledger-i", "", "10.70", "10.00", "0.70")).get(0).targetRef();
        write(original, day("ledger-i", first, "21.40", "20.00", "1.40"));
        assertThat(entries()).extracting(e -> e.path("TxnDate").asText()).containsExactly("2026-03-01", "2026-03-01");
    }

    @Test
    void with_edits_a_changed_journal_replaces_the_posting_and_a_stale_sync_token_is_read_again_once() {
        QuickBooksConfig edits = config.withCorrections(Corrections.EDIT, AdjustmentDate.POSTING);
        String first = write(edits, day("ledger-j", "", "10.70", "10.00", "0.70")).get(0).targetRef();
        sandbox.faults().concurrentEdit();
        WriteResult edited = write(edits, day("ledger-j", first, "21.40", "20.00", "1.40")).get(0);
        assertThat(edited.outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(edited.targetRef()).isEqualTo(first);
        assertThat(entries()).hasSize(1);
        assertThat(entries().get(0).path("SyncToken").asText()).isEqualTo("2");
        assertThat(entries().get(0).path("Line").path(0).path("Amount").decimalValue()).isEqualByComparingTo("21.40");
    }

    @Test
    void shadow_mode_reads_the_posted_journal_as_the_first_posting_plus_its_adjustments() {
        String first = write(config, day("ledger-k", "", "107.40", "100.00", "7.40")).get(0).targetRef();
        write(config, day("ledger-k", first, "128.88", "120.00", "8.88"));
        WriteRecord wanted = day("ledger-k", first, "128.88", "120.00", "8.88");
        Map<String, Map<String, Object>> current = connector.current(config, "journal_entries",
                List.of(wanted, day("ledger-none", "", "1.07", "1.00", "0.07")));
        assertThat(current).containsOnlyKeys("ledger-k");
        assertThat(JournalDocument.of(current.get("ledger-k")).nets()).isEqualTo(JournalDocument.of(wanted.data()).nets());
        assertThat(current.get("ledger-k").get("date")).isEqualTo("2026-03-01");
    }

    @Test
    void a_sales_receipt_and_a_refund_receipt_are_posted_once_each() {
        String item = Journals.item(sandbox, "Organic Cotton Tee");
        Map<String, Object> sale = Map.of("date", "2026-03-01", "currency", "USD", "deposit_account", card,
                "customer", sandbox.entities("Customer").get(0).path("Id").asText(),
                "lines", List.of(Map.of("account", apparel, "item", item, "amount", new BigDecimal("48.00"),
                        "tax_code", "TAX", "tax", new BigDecimal("3.72"))));
        List<WriteResult> receipts = connector.write(config, "sales_receipts", List.of(new WriteRecord("sale-1", "",
                sale)));
        List<WriteResult> again = connector.write(config, "sales_receipts", List.of(new WriteRecord("sale-1", "", sale)));
        List<WriteResult> refunds = connector.write(config, "credit_notes", List.of(new WriteRecord("refund-1", "",
                sale)));
        assertThat(receipts.get(0).outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(again.get(0).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(refunds.get(0).outcome()).isEqualTo(Outcome.WRITTEN);
        assertThat(sandbox.entities("SalesReceipt")).hasSize(1);
        assertThat(sandbox.entities("SalesReceipt").get(0).path("TotalAmt").decimalValue()).isEqualByComparingTo("51.72");
        assertThat(sandbox.entities("RefundReceipt")).hasSize(1);
    }

    @Test
    void a_sales_line_without_an_item_is_rejected() {
        Map<String, Object> sale = Map.of("date", "2026-03-01", "currency", "USD", "deposit_account", card,
                "lines", List.of(Map.of("account", apparel, "amount", new BigDecimal("5.00"))));
        WriteResult result = connector.write(config, "sales_receipts", List.of(new WriteRecord("sale-2", "", sale)))
                .get(0);
        assertThat(result.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(result.reason()).contains("'item' is missing");
        assertThat(sandbox.entities("SalesReceipt")).isEmpty();
    }
}
