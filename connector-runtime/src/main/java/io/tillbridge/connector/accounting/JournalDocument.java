package io.tillbridge.connector.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A balanced journal to post: the record of object {@link AccountingObjects#JOURNAL_ENTRIES}, read
 * and checked. Lines with the same account and description are netted into one (an aggregated
 * daily journal brings debit and credit sums per account); a line that nets to zero is left out.
 * Debits equal credits to the cent, or the record is refused with the difference named.
 *
 * @param date the business day the journal is for
 * @param currency its currency; every amount has at most the currency's digits
 * @param locationId the POS location it sums (may be empty)
 * @param memo a note for the accountant (may be empty)
 * @param lines the netted lines, each with exactly one side non-zero, in first-seen order
 */
public record JournalDocument(LocalDate date, Currency currency, String locationId, String memo, List<Line> lines) {

    /**
     * One netted journal line.
     *
     * @param account the target's account code or id, as the account map gives it
     * @param description what the line sums ({@code sales:Food}, {@code tender:card})
     * @param debit the debit (zero when this is a credit line)
     * @param credit the credit (zero when this is a debit line)
     */
    public record Line(String account, String description, BigDecimal debit, BigDecimal credit) {

        public Line {
            Objects.requireNonNull(account, "account");
            description = description == null ? "" : description;
            Objects.requireNonNull(debit, "debit");
            Objects.requireNonNull(credit, "credit");
        }

        /** Debit minus credit. */
        public BigDecimal net() {
            return debit.subtract(credit);
        }

        /** True for a debit line. */
        public boolean isDebit() {
            return debit.signum() != 0;
        }

        /** The non-zero side. */
        public BigDecimal amount() {
            return isDebit() ? debit : credit;
        }
    }

    public JournalDocument {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(currency, "currency");
        locationId = locationId == null ? "" : locationId;
        memo = memo == null ? "" : memo;
        lines = List.copyOf(lines);
    }

    /**
     * Reads a record to post.
     *
     * @throws InvalidDocumentException naming the field that is wrong, or the difference when the
     *     lines do not balance
     */
    public static JournalDocument of(Map<String, Object> data) {
        LocalDate date = AccountingValues.date(data, "date");
        Currency currency = AccountingValues.currency(data);
        String location = AccountingValues.text(data, "location_id", false, 100);
        String memo = AccountingValues.text(data, "memo", false, 1000);
        Map<List<String>, BigDecimal> nets = new LinkedHashMap<>();
        int index = 0;
        for (Map<String, Object> line : AccountingValues.lines(data)) {
            String where = "line " + (++index) + ": ";
            String account;
            try {
                account = AccountingValues.text(line, "account", true, 100);
            } catch (InvalidDocumentException e) {
                throw new InvalidDocumentException(where + e.getMessage()
                        + " (map every value of the account map to an account of the target)");
            }
            String description = AccountingValues.text(line, "description", false, 200);
            BigDecimal debit = AccountingValues.amount(line, "debit", currency, where);
            BigDecimal credit = AccountingValues.amount(line, "credit", currency, where);
            nets.merge(List.of(account, description), debit.subtract(credit), BigDecimal::add);
        }
        return fromNets(date, currency, location, memo, nets);
    }

    /**
     * A journal from net amounts (debit positive, credit negative) per account and description;
     * zero nets are left out.
     *
     * @throws InvalidDocumentException when the nets do not sum to zero or none is left
     */
    public static JournalDocument fromNets(LocalDate date, Currency currency, String locationId, String memo,
            Map<List<String>, BigDecimal> nets) {
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        BigDecimal zero = BigDecimal.ZERO.setScale(digits);
        List<Line> lines = new ArrayList<>();
        BigDecimal debits = zero;
        BigDecimal credits = zero;
        for (Map.Entry<List<String>, BigDecimal> e : nets.entrySet()) {
            BigDecimal net = e.getValue().setScale(digits);
            if (net.signum() == 0) {
                continue;
            }
            if (net.signum() > 0) {
                lines.add(new Line(e.getKey().get(0), e.getKey().get(1), net, zero));
                debits = debits.add(net);
            } else {
                lines.add(new Line(e.getKey().get(0), e.getKey().get(1), zero, net.negate()));
                credits = credits.add(net.negate());
            }
        }
        if (debits.compareTo(credits) != 0) {
            throw new InvalidDocumentException("the journal does not balance: debits " + debits.toPlainString()
                    + ", credits " + credits.toPlainString() + " (difference " + debits.subtract(credits).toPlainString()
                    + " " + currency.getCurrencyCode() + ")");
        }
        if (lines.isEmpty()) {
            throw new InvalidDocumentException("every line of the journal nets to zero: there is nothing to post");
        }
        return new JournalDocument(date, currency, locationId, memo, lines);
    }

    /** The sum of the debits (equal to the sum of the credits). */
    public BigDecimal total() {
        return lines.stream().map(Line::debit).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Net amount (debit positive) per account and description, for comparing and adjusting. */
    public Map<List<String>, BigDecimal> nets() {
        Map<List<String>, BigDecimal> nets = new LinkedHashMap<>();
        for (Line line : lines) {
            nets.merge(List.of(line.account(), line.description()), line.net(), BigDecimal::add);
        }
        return nets;
    }

    /**
     * The journal in the record form it was read from (netted lines), so that shadow mode compares a
     * posted journal with the one to post field by field.
     */
    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("date", date.toString());
        data.put("currency", currency.getCurrencyCode());
        if (!locationId.isEmpty()) {
            data.put("location_id", locationId);
        }
        if (!memo.isEmpty()) {
            data.put("memo", memo);
        }
        List<Object> out = new ArrayList<>();
        for (Line line : lines) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("account", line.account());
            l.put("description", line.description());
            l.put("debit", line.debit());
            l.put("credit", line.credit());
            out.add(l);
        }
        data.put("lines", out);
        return data;
    }
}
