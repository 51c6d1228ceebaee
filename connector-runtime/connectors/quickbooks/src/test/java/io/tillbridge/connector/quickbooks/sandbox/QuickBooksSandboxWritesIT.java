package io.tillbridge.connector.quickbooks.sandbox;

import static io.tillbridge.connector.quickbooks.sandbox.SandboxFixture.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creates, updates, validation faults, requestid replays and the scripted write faults, over real HTTP. */
class QuickBooksSandboxWritesIT {

    private QuickBooksSandbox sandbox;
    private SandboxClient client;
    private String bank;
    private String sales;

    @BeforeEach
    void start() {
        sandbox = SandboxFixture.start();
        client = new SandboxClient(sandbox, sandbox.issueToken());
        bank = SandboxFixture.account(sandbox, "1210");
        sales = SandboxFixture.account(sandbox, "4010");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void a_balanced_journal_is_created_with_an_id_and_sync_token_0() {
        SandboxClient.Answer answer = client.post("journalentry?requestid=r1",
                SandboxClient.journal("TB1", bank, sales, "118.40", "118.40"));
        JsonNode entry = answer.body().path("JournalEntry");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(entry.path("Id").asText()).isNotBlank();
        assertThat(entry.path("SyncToken").asText()).isEqualTo("0");
        assertThat(entry.path("Line").path(0).path("Amount").isBigDecimal() || entry.path("Line").path(0)
                .path("Amount").isNumber()).isTrue();
        assertThat(answer.raw()).contains("\"Amount\":118.40");
        assertThat(sandbox.entities("JournalEntry")).hasSize(1);
    }

    @Test
    void an_unbalanced_journal_answers_a_6000_business_fault_naming_the_difference() {
        SandboxClient.Answer answer = client.post("journalentry", SandboxClient.journal("TB2", bank, sales, "100.00",
                "90.00"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(error(answer).path("code").asText()).isEqualTo("6000");
        assertThat(error(answer).path("Detail").asText()).contains("differ by 10.00");
        assertThat(sandbox.entities("JournalEntry")).isEmpty();
    }

    @Test
    void an_unknown_account_answers_2500_naming_the_line() {
        SandboxClient.Answer answer = client.post("journalentry", SandboxClient.journal("TB3", bank, "999999", "5.00",
                "5.00"));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(error(answer).path("code").asText()).isEqualTo("2500");
        assertThat(error(answer).path("Detail").asText()).contains("Line 2").contains("999999");
    }

    @Test
    void a_document_without_lines_answers_2020() {
        SandboxClient.Answer answer = client.post("journalentry", "{\"DocNumber\":\"TB4\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(error(answer).path("code").asText()).isEqualTo("2020");
        assertThat(error(answer).path("element").asText()).isEqualTo("Line");
    }

    @Test
    void a_repeated_requestid_answers_the_same_response_and_creates_nothing() {
        String body = SandboxClient.journal("TB5", bank, sales, "20.00", "20.00");
        SandboxClient.Answer first = client.post("journalentry?requestid=same-key", body);
        SandboxClient.Answer second = client.post("journalentry?requestid=same-key", body);
        SandboxClient.Answer other = client.post("journalentry?requestid=other-key", body);
        assertThat(second.raw()).isEqualTo(first.raw());
        assertThat(other.body().path("JournalEntry").path("Id").asText())
                .isNotEqualTo(first.body().path("JournalEntry").path("Id").asText());
        assertThat(sandbox.entities("JournalEntry")).hasSize(2);
    }

    @Test
    void a_refused_write_is_not_replayed_so_a_corrected_repeat_is_saved() {
        SandboxClient.Answer refused = client.post("journalentry?requestid=k", SandboxClient.journal("TB6", bank, sales,
                "1.00", "2.00"));
        SandboxClient.Answer fixed = client.post("journalentry?requestid=k", SandboxClient.journal("TB6", bank, sales,
                "2.00", "2.00"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(fixed.status()).isEqualTo(200);
    }

    @Test
    void an_update_with_the_current_sync_token_replaces_the_document_and_counts_up() {
        JsonNode created = client.post("journalentry", SandboxClient.journal("TB7", bank, sales, "1.00", "1.00")).body()
                .path("JournalEntry");
        String update = SandboxClient.journal("TB7", bank, sales, "3.00", "3.00")
                .replaceFirst("\\{", "{\"Id\":\"" + created.path("Id").asText() + "\",\"SyncToken\":\"0\",");
        SandboxClient.Answer answer = client.post("journalentry", update);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("JournalEntry").path("SyncToken").asText()).isEqualTo("1");
        assertThat(answer.body().path("JournalEntry").path("Line").path(0).path("Amount").decimalValue())
                .isEqualByComparingTo("3.00");
    }

    @Test
    void a_stale_sync_token_answers_5010() {
        JsonNode created = client.post("journalentry", SandboxClient.journal("TB8", bank, sales, "1.00", "1.00")).body()
                .path("JournalEntry");
        String id = created.path("Id").asText();
        String update = SandboxClient.journal("TB8", bank, sales, "3.00", "3.00")
                .replaceFirst("\\{", "{\"Id\":\"" + id + "\",\"SyncToken\":\"0\",");
        client.post("journalentry", update);
        SandboxClient.Answer stale = client.post("journalentry", update);
        assertThat(stale.status()).isEqualTo(400);
        assertThat(error(stale).path("code").asText()).isEqualTo("5010");
        assertThat(error(stale).path("Message").asText()).isEqualTo("Stale Object Error");
    }

    @Test
    void a_sales_receipt_checks_its_item_and_sums_lines_and_tax() {
        String item = SandboxFixture.item(sandbox, "Organic Cotton Tee");
        String body = """
                {"DocNumber":"TBS1","TxnDate":"2026-03-01","DepositToAccountRef":{"value":"%s"},
                 "TxnTaxDetail":{"TotalTax":3.72},
                 "Line":[{"Amount":48.00,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":
                  {"ItemRef":{"value":"%s"},"Qty":2,"UnitPrice":24.00,"TaxCodeRef":{"value":"TAX"}}}]}
                """.formatted(bank, item);
        SandboxClient.Answer ok = client.post("salesreceipt", body);
        SandboxClient.Answer badItem = client.post("salesreceipt", body.replace("\"value\":\"" + item + "\"",
                "\"value\":\"424242\""));
        SandboxClient.Answer badAmount = client.post("salesreceipt", body.replace("\"Amount\":48.00", "\"Amount\":47.00"));
        assertThat(ok.body().path("SalesReceipt").path("TotalAmt").decimalValue()).isEqualByComparingTo(
                new BigDecimal("51.72"));
        assertThat(error(badItem).path("code").asText()).isEqualTo("2500");
        assertThat(error(badAmount).path("code").asText()).isEqualTo("6000");
    }

    @Test
    void a_refund_receipt_needs_the_account_it_is_paid_from() {
        String item = SandboxFixture.item(sandbox, "Canvas Tote");
        SandboxClient.Answer answer = client.post("refundreceipt", """
                {"DocNumber":"TBR1","Line":[{"Amount":28.00,"DetailType":"SalesItemLineDetail",
                 "SalesItemLineDetail":{"ItemRef":{"value":"%s"}}}]}""".formatted(item));
        assertThat(error(answer).path("code").asText()).isEqualTo("2020");
        assertThat(error(answer).path("element").asText()).isEqualTo("DepositToAccountRef");
    }

    @Test
    void a_write_cut_after_commit_is_saved_though_the_caller_sees_no_answer() {
        sandbox.faults().commitThenCut();
        assertThatThrownBy(() -> client.post("journalentry?requestid=cut", SandboxClient.journal("TB9", bank, sales,
                "4.00", "4.00"))).isInstanceOf(IllegalStateException.class);
        assertThat(sandbox.entities("JournalEntry")).extracting(e -> e.path("DocNumber").asText()).containsExactly("TB9");
    }

    @Test
    void a_write_that_stalls_and_is_cut_before_commit_saves_nothing() {
        sandbox.faults().stallThenCut(Duration.ofMillis(200));
        assertThatThrownBy(() -> client.post("journalentry", SandboxClient.journal("TB10", bank, sales, "4.00",
                "4.00"))).isInstanceOf(IllegalStateException.class);
        assertThat(sandbox.entities("JournalEntry")).isEmpty();
    }

    @Test
    void a_scripted_server_error_answers_in_the_fault_envelope() {
        sandbox.faults().failNext(1, 503);
        SandboxClient.Answer answer = client.query("SELECT * FROM Item");
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body().path("Fault").path("type").asText()).isEqualTo("SERVICE");
        assertThat(client.query("SELECT * FROM Item").status()).isEqualTo(200);
    }
}
