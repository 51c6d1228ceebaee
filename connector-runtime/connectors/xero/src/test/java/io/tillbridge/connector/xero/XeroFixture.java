package io.tillbridge.connector.xero;

import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.xero.sandbox.XeroSandbox;
import io.tillbridge.connector.xero.sandbox.XeroSandboxOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sandbox on a manual clock shared with the connector, and builders of records to post. */
final class XeroFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");

    final ManualTime time = new ManualTime(NOW);
    final XeroSandbox xero;
    final String token;

    XeroFixture(XeroSandboxOptions options) {
        xero = XeroSandbox.start(options.withClock(time));
        token = xero.issueToken();
    }

    XeroFixture() {
        this(XeroSandboxOptions.defaults());
    }

    XeroConnector connector() {
        return new XeroConnector(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2), XeroApi.LONGEST_WAIT),
                time, time, () -> 0.5, TestEgress.LOOPBACK);
    }

    XeroConfig config() {
        return XeroConfig.of(xero.baseUri(), xero.tenantId(), token).withPaging(100, 5, 3);
    }

    /**
     * An idempotency key as the runtime derives them (a digest of the ledger key): distinct in its
     * first characters, which the document number keeps.
     */
    static String key(int n) {
        return String.format("%08x", n * 2654435761L & 0xffffffffL) + "c0ffee5a9d4b7e21";
    }

    /** A journal: lines of account, description, debit, credit. */
    static WriteRecord journal(String key, String targetRef, String date, Object[]... lines) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("date", date);
        data.put("currency", "GBP");
        data.put("memo", "Daily sales");
        List<Object> out = new ArrayList<>();
        for (Object[] line : lines) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("account", line[0]);
            l.put("description", line[1]);
            l.put("debit", line[2] == null ? null : new BigDecimal(line[2].toString()));
            l.put("credit", line[3] == null ? null : new BigDecimal(line[3].toString()));
            out.add(l);
        }
        data.put("lines", out);
        return new WriteRecord(key, targetRef, data);
    }

    /** A day's sales: card 120.00 against food sales 100.00 and VAT 20.00. */
    static WriteRecord day(String key) {
        return journal(key, "", "2026-12-01", new Object[] {"091", "tender:card", "120.00", null},
                new Object[] {"200", "sales:Food", null, "100.00"}, new Object[] {"820", "tax:VAT", null, "20.00"});
    }

    /** A sale or refund of one line. */
    static WriteRecord sale(String key, String account, String amount, String tax) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("account", account);
        line.put("description", "Sourdough");
        line.put("amount", new BigDecimal(amount));
        line.put("tax_code", "OUTPUT2");
        line.put("tax", new BigDecimal(tax));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("date", "2026-12-01");
        data.put("currency", "GBP");
        data.put("customer", "");
        data.put("deposit_account", "091");
        data.put("lines", List.of(line));
        return new WriteRecord(key, "", data);
    }

    @Override
    public void close() {
        xero.close();
    }
}
