package io.tillbridge.ui.integrations;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.tillbridge.access.TenantScope;
import io.tillbridge.journals.JournalPreview;
import io.tillbridge.journals.JournalPreviewRequest;
import io.tillbridge.journals.JournalPreviews;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.Notices;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The journals an accounting integration would post for a business day, before it is enabled: a day
 * (yesterday unless chosen), and per journal its lines with totals, whether it balances, from when the
 * day is final, and the values held for not mapping with their amounts. Every state is said in words,
 * never by colour alone; the service's refusals appear at the date field.
 */
class JournalPreviewSection extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final JournalPreviews previews;
    private final Supplier<TenantScope> scope;
    private final UUID integrationId;
    final DatePicker day = new DatePicker("Business day");
    final Button preview = new Button("Preview");
    final Paragraph summary = new Paragraph();
    final VerticalLayout journals = new VerticalLayout();
    final List<Grid<JournalPreview.Line>> grids = new ArrayList<>();

    JournalPreviewSection(JournalPreviews previews, Supplier<TenantScope> scope, UUID integrationId, Clock clock) {
        this.previews = previews;
        this.scope = scope;
        this.integrationId = integrationId;
        setPadding(false);
        day.setId("journal-preview-day");
        day.setValue(LocalDate.now(clock).minusDays(1));
        day.setHelperText("The journals are read from the source as it is now; nothing is posted.");
        preview.setId("journal-preview-run");
        preview.addClickListener(event -> preview());
        summary.setId("journal-preview-summary");
        journals.setPadding(false);
        journals.setId("journal-preview-journals");
        HorizontalLayout ask = new HorizontalLayout(day, preview);
        ask.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(ask, summary, journals);
    }

    /** Previews the chosen day and shows its journals, or the refusal at the date field. */
    void preview() {
        journals.removeAll();
        grids.clear();
        summary.setText("");
        day.setInvalid(false);
        if (day.getValue() == null) {
            day.setErrorMessage("Choose a business day.");
            day.setInvalid(true);
            return;
        }
        JournalPreview shown;
        try {
            shown = previews.preview(scope.get(), integrationId, new JournalPreviewRequest(day.getValue().toString(), null));
        } catch (ProblemException e) {
            day.setErrorMessage(Notices.message(e));
            day.setInvalid(true);
            return;
        }
        summary.setText(shown.recordsOfDay() + " of " + shown.recordsRead() + " source records belong to "
                + shown.day() + "; mapping version " + shown.mappingVersion() + ". "
                + (shown.journals().isEmpty() ? "No journal for this day." : shown.journals().size()
                        + (shown.journals().size() == 1 ? " journal." : " journals.")));
        for (JournalPreview.Journal journal : shown.journals()) {
            journals.add(journal(journal));
        }
        for (String error : shown.errors()) {
            journals.add(new Paragraph(error));
        }
    }

    private VerticalLayout journal(JournalPreview.Journal journal) {
        VerticalLayout box = new VerticalLayout();
        box.setPadding(false);
        box.add(new H4(journal.date() + " · " + (journal.locationId() == null ? "all locations" : "location "
                + journal.locationId()) + " · " + journal.currency()));
        Grid<JournalPreview.Line> grid = new Grid<>();
        grid.addColumn(JournalPreview.Line::account).setHeader("Account").setKey("account")
                .setFooter("Totals");
        grid.addColumn(JournalPreview.Line::description).setHeader("Description").setKey("description");
        grid.addColumn(l -> l.debit().toPlainString()).setHeader("Debit").setKey("debit")
                .setFooter(journal.debits().toPlainString());
        grid.addColumn(l -> l.credit().toPlainString()).setHeader("Credit").setKey("credit")
                .setFooter(journal.credits().toPlainString());
        grid.setItems(journal.lines());
        grid.setAllRowsVisible(true);
        grids.add(grid);
        box.add(grid, new Paragraph(words(journal)));
        if (!journal.held().isEmpty()) {
            UnorderedList held = new UnorderedList();
            for (JournalPreview.HeldValue value : journal.held()) {
                held.add(new ListItem(held(value)));
            }
            box.add(new Paragraph("Held until these values are mapped (add them to the value map of the mapping,"
                    + " under Edit mapping):"), held);
        }
        return box;
    }

    /** The journal's state in words: balance, finality, and whether a run would post it. */
    static String words(JournalPreview.Journal journal) {
        String balance = journal.balances() ? "Balanced." : "Does not balance by "
                + journal.difference().abs().toPlainString() + " (debits " + journal.debits().toPlainString()
                + ", credits " + journal.credits().toPlainString() + ").";
        String finality = journal.finalAt() == null ? "Final." : (journal.isFinal() ? "Final since " : "Not final yet:"
                + " final from ") + WHEN.format(journal.finalAt()) + ".";
        String posts = !journal.held().isEmpty() ? "Held: it is not posted until its records map."
                : !journal.balances() ? "It is not posted until it balances."
                : journal.posts() ? (journal.isFinal() ? "A run posts it." : "A run posts it once final.")
                : "Nothing to post: its lines net to zero.";
        return balance + " " + finality + " " + posts;
    }

    static String held(JournalPreview.HeldValue value) {
        BigDecimal debit = value.debit();
        BigDecimal credit = value.credit();
        return (value.value() == null ? value.field() + ": " + value.message() : "'" + value.value() + "' has no "
                + value.field() + " in the value map") + " (" + value.records() + (value.records() == 1 ? " record" : " records")
                + ", debits " + debit.toPlainString() + ", credits " + credit.toPlainString() + ")";
    }
}
