package io.tillbridge.connector.xero;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.accounting.AccountingObjects;
import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.StreamDescriptor;
import io.tillbridge.connector.xero.sandbox.XeroSandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class XeroReadIT {

    private final XeroFixture fixture = new XeroFixture(XeroSandboxOptions.defaults().withContacts(63));

    @AfterEach
    void close() {
        fixture.close();
    }

    private CollectingSink read(String stream, XeroConfig config) {
        CollectingSink sink = new CollectingSink();
        try (XeroConnector connector = fixture.connector()) {
            connector.read(config, stream, null, sink);
        }
        return sink;
    }

    @Test
    void contacts_are_read_page_by_page_to_the_end() {
        CollectingSink sink = read(XeroStreams.CONTACTS, fixture.config().withPaging(5, 5, 3));

        assertThat(sink.committed()).hasSize(63);
        assertThat(sink.committed()).extracting(SourceRecord::key).doesNotHaveDuplicates();
        assertThat(sink.events().stream().filter(e -> e instanceof io.tillbridge.connector.spi.Checkpoint).count())
                .isEqualTo(13);
    }

    @Test
    void accounts_tax_rates_and_items_are_read_whole() {
        assertThat(read(XeroStreams.ACCOUNTS, fixture.config()).committed())
                .extracting(r -> r.data().get("Code")).contains("090", "091", "200", "820", "825", "830", "404", "860");
        assertThat(read(XeroStreams.TAX_RATES, fixture.config()).committed())
                .extracting(SourceRecord::key).contains("OUTPUT2", "ZERORATEDOUTPUT", "NONE");
        assertThat(read(XeroStreams.ITEMS, fixture.config()).committed()).hasSize(40);
    }

    @Test
    void a_later_read_from_the_checkpoint_yields_only_contacts_added_since() {
        CollectingSink first = read(XeroStreams.CONTACTS, fixture.config().withPaging(10, 5, 3));
        fixture.time.set(XeroFixture.NOW.plusSeconds(600));
        fixture.xero.addContacts(3);

        CollectingSink second = new CollectingSink();
        try (XeroConnector connector = fixture.connector()) {
            connector.read(fixture.config().withPaging(10, 5, 3), XeroStreams.CONTACTS, first.lastCheckpoint(), second);
        }

        assertThat(second.committed()).hasSize(3);
    }

    @Test
    void discovery_lists_the_read_streams_first_then_the_three_writable_objects() {
        Catalog catalog;
        try (XeroConnector connector = fixture.connector()) {
            catalog = connector.discover(fixture.config());
        }

        assertThat(catalog.streams()).extracting(StreamDescriptor::name).containsExactly(XeroStreams.CONTACTS,
                XeroStreams.ACCOUNTS, XeroStreams.TAX_RATES, XeroStreams.ITEMS, AccountingObjects.JOURNAL_ENTRIES,
                AccountingObjects.SALES_RECEIPTS, AccountingObjects.CREDIT_NOTES);
        assertThat(catalog.stream(AccountingObjects.JOURNAL_ENTRIES).orElseThrow().fields())
                .extracting(f -> f.name()).contains("date", "currency", "lines.account", "lines.debit", "lines.credit");
    }
}
