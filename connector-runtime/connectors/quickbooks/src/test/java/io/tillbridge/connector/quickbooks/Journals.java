package io.tillbridge.connector.quickbooks;

import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandbox;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Journal records for tests, in the shape of {@code journal_entries}. */
final class Journals {

    private Journals() {
    }

    /** A daily journal: card clearing debited, sales and sales tax credited. */
    static Map<String, Object> journal(String date, String debitAccount, String debit, String salesAccount,
            String sales, String taxAccount, String tax) {
        List<Object> lines = new ArrayList<>();
        lines.add(line(debitAccount, "tender:card", debit, "0"));
        lines.add(line(salesAccount, "sales:Apparel", "0", sales));
        lines.add(line(taxAccount, "tax:state", "0", tax));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("date", date);
        data.put("currency", "USD");
        data.put("memo", "Daily sales");
        data.put("lines", lines);
        return data;
    }

    static Map<String, Object> line(String account, String description, String debit, String credit) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("account", account);
        line.put("description", description);
        line.put("debit", new BigDecimal(debit));
        line.put("credit", new BigDecimal(credit));
        return line;
    }

    static String account(QuickBooksSandbox sandbox, String number) {
        return sandbox.entities("Account").stream().filter(a -> number.equals(a.path("AcctNum").asText()))
                .map(a -> a.path("Id").asText()).findFirst().orElseThrow();
    }

    static String item(QuickBooksSandbox sandbox, String name) {
        return sandbox.entities("Item").stream().filter(a -> name.equals(a.path("Name").asText()))
                .map(a -> a.path("Id").asText()).findFirst().orElseThrow();
    }
}
