package io.tillbridge.connector.xero;

import static io.tillbridge.connector.xero.XeroFixture.key;
import static io.tillbridge.connector.xero.XeroFixture.sale;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.accounting.AccountingObjects;
import io.tillbridge.connector.accounting.DocumentNumbers;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.spi.WriteResult.Outcome;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class XeroSalesWriteIT {

    private final XeroFixture fixture = new XeroFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private List<WriteResult> write(String object, WriteRecord... records) {
        try (XeroConnector connector = fixture.connector()) {
            return connector.write(fixture.config(), object, List.of(records));
        }
    }

    @Test
    void a_sale_becomes_an_authorised_invoice_paid_at_once_into_the_deposit_account() {
        List<WriteResult> results = write(AccountingObjects.SALES_RECEIPTS, sale(key(1), "200", "10.00", "2.00"));

        assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN);
        JsonNode invoice = fixture.xero.invoices().get(0);
        assertThat(invoice.path("InvoiceNumber").asText()).isEqualTo(DocumentNumbers.of(key(1)));
        assertThat(invoice.path("Type").asText()).isEqualTo("ACCREC");
        assertThat(invoice.path("Status").asText()).isEqualTo("PAID");
        assertThat(invoice.path("Total").decimalValue()).isEqualByComparingTo("12.00");
        assertThat(fixture.xero.payments()).singleElement().satisfies(p -> {
            assertThat(p.path("Account").path("Code").asText()).isEqualTo("091");
            assertThat(p.path("Amount").decimalValue()).isEqualByComparingTo(new BigDecimal("12.00"));
        });
        assertThat(results.get(0).targetRef()).isEqualTo(invoice.path("InvoiceID").asText());
    }

    @Test
    void the_same_sale_again_is_unchanged_and_creates_no_second_invoice_or_payment() {
        write(AccountingObjects.SALES_RECEIPTS, sale(key(1), "200", "10.00", "2.00"));

        List<WriteResult> again = write(AccountingObjects.SALES_RECEIPTS, sale(key(1), "200", "10.00", "2.00"));

        assertThat(again).extracting(WriteResult::outcome).containsExactly(Outcome.UNCHANGED);
        assertThat(fixture.xero.invoices()).hasSize(1);
        assertThat(fixture.xero.payments()).hasSize(1);
    }

    @Test
    void a_refund_becomes_a_credit_note_refunded_from_the_deposit_account() {
        List<WriteResult> results = write(AccountingObjects.CREDIT_NOTES, sale(key(2), "215", "5.00", "1.00"));

        assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN);
        JsonNode note = fixture.xero.creditNotes().get(0);
        assertThat(note.path("Type").asText()).isEqualTo("ACCRECCREDIT");
        assertThat(note.path("Status").asText()).isEqualTo("PAID");
        assertThat(note.path("CreditNoteNumber").asText()).isEqualTo(DocumentNumbers.of(key(2)));
        assertThat(fixture.xero.payments()).singleElement()
                .satisfies(p -> assertThat(p.path("PaymentType").asText()).isEqualTo("ARCREDITPAYMENT"));
    }

    @Test
    void a_sale_to_an_unknown_account_is_rejected_and_the_others_are_written() {
        List<WriteResult> results = write(AccountingObjects.SALES_RECEIPTS, sale(key(1), "200", "10.00", "2.00"),
                sale(key(2), "777", "3.00", "0.60"), sale(key(3), "201", "4.00", "0.80"));

        assertThat(results).extracting(WriteResult::outcome)
                .containsExactly(Outcome.WRITTEN, Outcome.REJECTED, Outcome.WRITTEN);
        assertThat(results.get(1).reason()).contains("Account code '777'");
        assertThat(fixture.xero.invoices()).hasSize(2);
        assertThat(fixture.xero.payments()).hasSize(2);
    }

    @Test
    void a_sale_whose_invoice_was_committed_before_the_cut_is_found_and_paid_once() {
        fixture.xero.faults().commitThenCut(1);

        List<WriteResult> results = write(AccountingObjects.SALES_RECEIPTS, sale(key(1), "200", "10.00", "2.00"));

        assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN);
        assertThat(fixture.xero.invoices()).hasSize(1);
        assertThat(fixture.xero.payments()).hasSize(1);
    }
}
