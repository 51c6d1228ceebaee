package io.tillbridge.ui.reconciliation;

import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.reconciliation.ReconciledDay;
import io.tillbridge.reconciliation.Reconciliation;
import io.tillbridge.reconciliation.ReconciliationCsv;
import io.tillbridge.reconciliation.ReconciliationQuery;
import io.tillbridge.reconciliation.ReconciliationService;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A journal integration's reconciliation: for a range of business days, one row per day, location
 * and currency with its status in words (Matched, Differs by ... in ..., Missing in the target, Not
 * final yet; never colour alone), the differing families with their amounts and the document, and a
 * CSV download of the same. The range lives in the URL ({@code ?from=&to=}), so an alert's link
 * opens the day it names.
 */
@Route(value = "integrations/:integrationId/reconciliation", layout = MainLayout.class)
@PageTitle("Reconciliation · Tillbridge")
public class ReconciliationView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantAccess access;
    private final ReconciliationService reconciliation;
    private final IntegrationService integrations;

    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    final Grid<ReconciledDay> days = new Grid<>();
    final Anchor download = new Anchor();
    final Paragraph summary = new Paragraph();
    final Paragraph refusal = new Paragraph();
    private final H2 title = new H2("Reconciliation");
    private final Anchor back = new Anchor("integrations", "Integrations");
    private UUID integrationId;
    Reconciliation shown;

    ReconciliationView(TenantAccess access, ReconciliationService reconciliation, IntegrationService integrations) {
        this.access = access;
        this.reconciliation = reconciliation;
        this.integrations = integrations;
        from.setId("reconciliation-from");
        to.setId("reconciliation-to");
        download.setId("reconciliation-download");
        download.setText("Download CSV");
        download.getElement().setAttribute("download", true);
        download.setVisible(false);
        summary.setId("reconciliation-summary");
        refusal.setId("reconciliation-refusal");
        refusal.setVisible(false);
        days.setId("reconciliation-days");
        days.addColumn(d -> d.date().toString()).setHeader("Business day");
        days.addColumn(d -> d.locationId() == null ? "(no location)" : d.locationId()).setHeader("Location");
        days.addColumn(ReconciledDay::currency).setHeader("Currency");
        days.addColumn(ReconciliationView::status).setHeader("Status");
        days.addColumn(ReconciliationView::amounts).setHeader("POS / target by family");
        days.addColumn(ReconciledDay::documentNumber).setHeader("Document");
        days.setAllRowsVisible(true);
        from.addValueChangeListener(e -> changed(e.isFromClient()));
        to.addValueChangeListener(e -> changed(e.isFromClient()));
        HorizontalLayout filters = new HorizontalLayout(from, to, download);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        add(back, title, refusal, summary, filters, days);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        try {
            integrationId = UUID.fromString(event.getRouteParameters().get("integrationId").orElse(""));
        } catch (IllegalArgumentException e) {
            refuse("No such integration.");
            return;
        }
        try {
            Integration integration = integrations.get(scope(), integrationId);
            title.setText("Reconciliation · " + integration.name());
            back.setHref("integrations/" + integration.id());
            back.setText("‹ " + integration.name());
            ReconciliationQuery defaults = reconciliation.query(null, null);
            QueryParameters url = event.getLocation().getQueryParameters();
            from.setValue(date(url, "from").orElse(defaults.from()));
            to.setValue(date(url, "to").orElse(defaults.to()));
            load();
        } catch (ProblemException e) {
            refuse(Notices.message(e));
        }
    }

    private void changed(boolean fromClient) {
        if (!fromClient || integrationId == null) {
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Optional.ofNullable(from.getValue()).ifPresent(d -> parameters.put("from", d.toString()));
        Optional.ofNullable(to.getValue()).ifPresent(d -> parameters.put("to", d.toString()));
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null,
                new Location("integrations/" + integrationId + "/reconciliation", QueryParameters.simple(parameters))));
        load();
    }

    /** Reconciles the chosen range and shows it; a range problem belongs to the range's end. */
    void load() {
        to.setInvalid(false);
        try {
            ReconciliationQuery query = reconciliation.query(text(from.getValue()), text(to.getValue()));
            show(reconciliation.reconcile(scope(), integrationId, query));
        } catch (ProblemException e) {
            if (e.getMessage() != null && (e.getMessage().startsWith("to ") || e.getMessage().startsWith("from "))) {
                to.setErrorMessage(Notices.message(e));
                to.setInvalid(true);
            } else {
                refuse(Notices.message(e));
            }
        }
    }

    /** Shows a reconciliation: the grid, the counts in words, and the CSV of the same. */
    void show(Reconciliation result) {
        shown = result;
        refusal.setVisible(false);
        days.setItems(result.days());
        Map<String, Long> counts = result.days().stream().collect(Collectors.groupingBy(ReconciledDay::status,
                LinkedHashMap::new, Collectors.counting()));
        summary.setText(result.from() + " to " + result.to() + ": " + result.days().size() + " days and locations; "
                + counts.getOrDefault("matched", 0L) + " matched, " + counts.getOrDefault("differing", 0L)
                + " differing, " + counts.getOrDefault("missing", 0L) + " missing, " + counts.getOrDefault("pending", 0L)
                + " not final yet." + (result.held().isEmpty() ? "" : " " + result.held().size()
                + " journals of the range are held in the error inbox."));
        byte[] csv = ReconciliationCsv.of(result).getBytes(StandardCharsets.UTF_8);
        String file = "reconciliation-" + result.from() + "-" + result.to() + ".csv";
        download.setHref(DownloadHandler.fromInputStream(event -> new DownloadResponse(new ByteArrayInputStream(csv),
                file, "text/csv", csv.length)));
        download.setVisible(true);
    }

    /** The status of a day in words: Matched, Differs by 1.00 in tax, Missing in the target, Not final yet. */
    static String status(ReconciledDay day) {
        return switch (day.statusKind()) {
            case MATCHED -> "Matched";
            case MISSING -> "Missing in the target";
            case PENDING -> "Not final yet";
            case DIFFERING -> "Differs by " + day.differences().stream()
                    .map(d -> d.difference().abs().toPlainString() + " in " + d.family())
                    .collect(Collectors.joining(", "));
        };
    }

    /** The differing families' amounts, POS then target (debits minus credits); empty when nothing differs. */
    static String amounts(ReconciledDay day) {
        return day.differences().stream().map(d -> d.family() + ": POS " + d.pos().toPlainString() + ", target "
                + d.target().toPlainString()).collect(Collectors.joining("; "));
    }

    private void refuse(String message) {
        refusal.setText(message);
        refusal.setVisible(true);
        download.setVisible(false);
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    private static Optional<LocalDate> date(QueryParameters url, String name) {
        try {
            return url.getSingleParameter(name).map(LocalDate::parse);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
