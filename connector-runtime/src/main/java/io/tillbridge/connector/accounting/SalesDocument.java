package io.tillbridge.connector.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sale or a refund to post as one document: the record of object
 * {@link AccountingObjects#SALES_RECEIPTS} or {@link AccountingObjects#CREDIT_NOTES}, read and
 * checked. Line amounts are tax-exclusive; {@code tax} is the line's tax where the POS reported it.
 *
 * @param date the business day
 * @param currency its currency
 * @param customer the target's customer or contact (name or id); may be empty where the target
 *     allows a document without one
 * @param depositAccount where the money went (sales receipt) or came from (refund): the account
 *     code or id of the clearing account of the tender
 * @param memo a note (may be empty)
 * @param lines at least one line
 */
public record SalesDocument(LocalDate date, Currency currency, String customer, String depositAccount, String memo,
        List<Line> lines) {

    /**
     * One line of a sale or refund.
     *
     * @param account the income account code or id
     * @param item the target's item (QuickBooks needs one on every sales line); may be empty
     * @param description what was sold
     * @param amount tax-exclusive, positive
     * @param taxCode the target's tax code or type; may be empty
     * @param tax the line's tax amount; zero when none
     */
    public record Line(String account, String item, String description, BigDecimal amount, String taxCode,
            BigDecimal tax) {

        public Line {
            Objects.requireNonNull(account, "account");
            item = item == null ? "" : item;
            description = description == null ? "" : description;
            Objects.requireNonNull(amount, "amount");
            taxCode = taxCode == null ? "" : taxCode;
            Objects.requireNonNull(tax, "tax");
        }
    }

    public SalesDocument {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(currency, "currency");
        customer = customer == null ? "" : customer;
        Objects.requireNonNull(depositAccount, "depositAccount");
        memo = memo == null ? "" : memo;
        lines = List.copyOf(lines);
    }

    /**
     * Reads a record to post.
     *
     * @throws InvalidDocumentException naming the field that is wrong
     */
    public static SalesDocument of(Map<String, Object> data) {
        LocalDate date = AccountingValues.date(data, "date");
        Currency currency = AccountingValues.currency(data);
        String customer = AccountingValues.text(data, "customer", false, 100);
        String memo = AccountingValues.text(data, "memo", false, 1000);
        List<Map<String, Object>> raw = AccountingValues.lines(data);
        if (raw.stream().anyMatch(l -> l.containsKey("debit") || l.containsKey("credit"))) {
            return fromPostings(data, date, currency, customer, memo);
        }
        String deposit = AccountingValues.text(data, "deposit_account", true, 100);
        List<Line> lines = new ArrayList<>();
        int index = 0;
        for (Map<String, Object> line : AccountingValues.lines(data)) {
            String where = "line " + (++index) + ": ";
            String account;
            try {
                account = AccountingValues.text(line, "account", true, 100);
            } catch (InvalidDocumentException e) {
                throw new InvalidDocumentException(where + e.getMessage());
            }
            BigDecimal amount = AccountingValues.amount(line, "amount", currency, where);
            if (amount.signum() < 0) {
                throw new InvalidDocumentException(where + "'amount' must not be negative: " + amount.toPlainString());
            }
            lines.add(new Line(account, AccountingValues.text(line, "item", false, 100),
                    AccountingValues.text(line, "description", false, 4000), amount,
                    AccountingValues.text(line, "tax_code", false, 50),
                    AccountingValues.amount(line, "tax", currency, where)));
        }
        return new SalesDocument(date, currency, customer, deposit, memo, lines);
    }

    /**
     * A refund given as its balanced postings, the way an aggregated mapping of {@code postings}
     * brings it: lines of {@code account}, {@code description}, {@code debit} and {@code credit}. The
     * debit lines are what is given back (lines of the document); the credit lines say where the
     * money went back from, and must name one account: the deposit account. A refund paid back to
     * several accounts (a card and a gift card) is refused, with the accounts named, rather than
     * guessed.
     */
    private static SalesDocument fromPostings(Map<String, Object> data, LocalDate date, Currency currency,
            String customer, String memo) {
        JournalDocument journal = JournalDocument.of(Map.of("date", date.toString(), "currency",
                currency.getCurrencyCode(), "lines", data.get("lines")));
        java.util.Set<String> deposits = new java.util.LinkedHashSet<>();
        List<Line> lines = new ArrayList<>();
        BigDecimal zero = BigDecimal.ZERO.setScale(Math.max(currency.getDefaultFractionDigits(), 0));
        for (JournalDocument.Line line : journal.lines()) {
            if (line.isDebit()) {
                lines.add(new Line(line.account(), "", line.description(), line.debit(), "", zero));
            } else {
                deposits.add(line.account());
            }
        }
        if (deposits.size() != 1 || lines.isEmpty()) {
            throw new InvalidDocumentException(lines.isEmpty() ? "the document gives nothing back: no debit line"
                    : "the money went back from " + deposits.size() + " accounts " + deposits
                            + ": one document has one deposit account; post it as a journal instead");
        }
        return new SalesDocument(date, currency, customer, deposits.iterator().next(), memo, lines);
    }

    /** Lines plus tax. */
    public BigDecimal total() {
        return lines.stream().map(l -> l.amount().add(l.tax())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
