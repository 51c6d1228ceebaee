package io.tillbridge.connector.xero;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.accounting.AccountingObjects;
import io.tillbridge.connector.rest.FieldSampler;
import io.tillbridge.connector.rest.PagedStreamReader;
import io.tillbridge.connector.rest.ReadState;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The streams a Xero connection reads, for the mapping editor's value pickers (which account, tax
 * rate, item or contact a POS value maps to), and the objects it writes.
 *
 * <p>{@code contacts} pages with {@code page} and {@code pageSize} ({@code pagination.pageCount}
 * says where the last page is) and reads only what changed since the last read with
 * {@code If-Modified-Since}; Xero answers {@code Accounts}, {@code TaxRates} and {@code Items} whole,
 * without paging (xero_accounting.yaml: those operations take no {@code page}). Every stream is read
 * to its end. The cursor of a record is its {@code UpdatedDateUTC} as an ISO instant.
 */
final class XeroStreams {

    static final String ACCOUNTS = "accounts";
    static final String TAX_RATES = "tax_rates";
    static final String ITEMS = "items";
    static final String CONTACTS = "contacts";

    /** Read streams first: the contract and the runtime read the first stream of the catalog. */
    static final List<String> READ = List.of(CONTACTS, ACCOUNTS, TAX_RATES, ITEMS);

    private record Source(String resource, String wrapper, String key, boolean paged) {
    }

    private static final Map<String, Source> SOURCES = Map.of(
            ACCOUNTS, new Source("Accounts", "Accounts", "AccountID", false),
            TAX_RATES, new Source("TaxRates", "TaxRates", "TaxType", false),
            ITEMS, new Source("Items", "Items", "ItemID", false),
            CONTACTS, new Source("Contacts", "Contacts", "ContactID", true));

    private final XeroApi api;
    private final int pageSize;

    XeroStreams(XeroApi api, int pageSize) {
        this.api = api;
        this.pageSize = pageSize;
    }

    /** Reads a stream to its end from the checkpoint. */
    void read(String stream, Checkpoint checkpoint, RecordSink sink) {
        Source source = SOURCES.get(stream);
        new PagedStreamReader() {
            @Override
            protected Page fetch(String position, ReadState state) {
                int page = position == null ? 1 : Integer.parseInt(position);
                return XeroStreams.this.fetch(source, page, state.since());
            }

            @Override
            protected String key(JsonNode record) {
                return record.path(source.key()).asText("");
            }

            @Override
            protected String cursor(JsonNode record) {
                Instant updated = XeroApi.instant(record.path("UpdatedDateUTC").asText(null));
                return updated == null ? "" : updated.toString();
            }
        }.read(stream, checkpoint, sink);
    }

    private PagedStreamReader.Page fetch(Source source, int page, String since) {
        if (!source.paged()) {
            List<JsonNode> records = new ArrayList<>();
            api.get(source.resource(), Map.of()).path(source.wrapper()).forEach(records::add);
            return new PagedStreamReader.Page(records, null);
        }
        Map<String, String> headers = since == null ? Map.of() : Map.of("If-Modified-Since",
                LocalDateTime.ofInstant(Instant.parse(since), ZoneOffset.UTC).withNano(0)
                        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        JsonNode body = api.get(source.resource(), Map.of("page", Integer.toString(page), "pageSize",
                Integer.toString(pageSize)), headers);
        List<JsonNode> records = new ArrayList<>();
        body.path(source.wrapper()).forEach(records::add);
        int pageCount = body.path("pagination").path("pageCount").asInt(0);
        boolean last = records.isEmpty() || (pageCount > 0 ? page >= pageCount : records.size() < pageSize);
        return new PagedStreamReader.Page(records, last ? null : Integer.toString(page + 1));
    }

    /** The read streams, fields from their first page, then the written objects. */
    List<StreamDescriptor> descriptors(JsonNode organisation) {
        List<StreamDescriptor> out = new ArrayList<>();
        List<Object> accountCodes = new ArrayList<>();
        for (String stream : READ) {
            Source source = SOURCES.get(stream);
            PagedStreamReader.Page page = fetch(source, 1, null);
            List<JsonNode> sample = page.records().subList(0, Math.min(20, page.records().size()));
            if (ACCOUNTS.equals(stream)) {
                sample.stream().limit(5).forEach(a -> accountCodes.add(a.path("Code").asText()));
            }
            out.add(new StreamDescriptor(stream, FieldSampler.fields(sample), source.key(), "UpdatedDateUTC"));
        }
        String currency = organisation.path("BaseCurrency").asText("GBP");
        List<FieldDescriptor> journal = List.of(
                new FieldDescriptor("date", FieldType.STRING, false, List.of("2026-12-01"), "date"),
                new FieldDescriptor("currency", FieldType.STRING, false, List.of(currency)),
                new FieldDescriptor("location_id", FieldType.STRING, true, List.of()),
                new FieldDescriptor("memo", FieldType.STRING, true, List.of("Daily sales")),
                new FieldDescriptor("lines", FieldType.ARRAY, false, List.of()),
                new FieldDescriptor("lines.account", FieldType.STRING, false, accountCodes),
                new FieldDescriptor("lines.description", FieldType.STRING, true, List.of("sales:Food")),
                new FieldDescriptor("lines.debit", FieldType.NUMBER, true, List.of(), "decimal"),
                new FieldDescriptor("lines.credit", FieldType.NUMBER, true, List.of(), "decimal"));
        List<FieldDescriptor> sales = List.of(
                new FieldDescriptor("date", FieldType.STRING, false, List.of("2026-12-01"), "date"),
                new FieldDescriptor("currency", FieldType.STRING, false, List.of(currency)),
                new FieldDescriptor("customer", FieldType.STRING, true, List.of("Walk-in customer")),
                new FieldDescriptor("deposit_account", FieldType.STRING, false, List.of("091")),
                new FieldDescriptor("memo", FieldType.STRING, true, List.of()),
                new FieldDescriptor("lines", FieldType.ARRAY, false, List.of()),
                new FieldDescriptor("lines.account", FieldType.STRING, false, accountCodes),
                new FieldDescriptor("lines.item", FieldType.STRING, true, List.of()),
                new FieldDescriptor("lines.description", FieldType.STRING, true, List.of()),
                new FieldDescriptor("lines.amount", FieldType.NUMBER, false, List.of(), "decimal"),
                new FieldDescriptor("lines.tax_code", FieldType.STRING, true, List.of("OUTPUT2")),
                new FieldDescriptor("lines.tax", FieldType.NUMBER, true, List.of(), "decimal"));
        out.add(new StreamDescriptor(AccountingObjects.JOURNAL_ENTRIES, journal, "", ""));
        out.add(new StreamDescriptor(AccountingObjects.SALES_RECEIPTS, sales, "", ""));
        out.add(new StreamDescriptor(AccountingObjects.CREDIT_NOTES, sales, "", ""));
        return out;
    }
}
