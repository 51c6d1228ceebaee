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
        String deposit = AccountingValues.text(data, "deposit_account", true, 100);
        String memo = AccountingValues.text(data, "memo", false, 1000);
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

    /** Lines plus tax. */
    public BigDecimal total() {
        return lines.stream().map(l -> l.amount().add(l.tax())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
