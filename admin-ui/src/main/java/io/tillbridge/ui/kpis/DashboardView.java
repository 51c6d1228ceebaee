package io.tillbridge.ui.kpis;

import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.micronaut.json.JsonMapper;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.kpis.KpiCsv;
import io.tillbridge.kpis.KpiPeriod;
import io.tillbridge.kpis.KpiQuery;
import io.tillbridge.kpis.KpiReport;
import io.tillbridge.kpis.KpiService;
import io.tillbridge.kpis.LocationKpis;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The ROI dashboard: the KPIs of a range of days (the last 30 by default) for all integrations or
 * one, as tiles measured against the targets set during onboarding, and as trend charts per day,
 * week or month drawn by Chart.js, with the same figures as CSV to download. The URL keeps the
 * filters ({@code dashboard?from=&to=&period=week&integration=}); values it cannot read are left at
 * their defaults.
 */
@Route(value = "dashboard", layout = MainLayout.class)
@PageTitle("Dashboard · Tillbridge")
@JavaScript("context://webjars/chart.js/4.5.1/dist/chart.umd.min.js")
public class DashboardView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantAccess access;
    private final KpiService kpis;
    private final IntegrationService integrations;
    private final JsonMapper json;

    final Select<KpiPeriod> period = new Select<>();
    final Select<UUID> integration = new Select<>();
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    final KpiTiles tiles = new KpiTiles();
    final KpiChart volume = new KpiChart("kpi-chart-volume", "Records synced and hours saved per period");
    final KpiChart quality = new KpiChart("kpi-chart-quality",
            "Error rate and completion time at the 95th percentile per period, with their targets");
    final Grid<LocationKpis> locations = new Grid<>();
    final Paragraph locationsNote = new Paragraph();
    final Anchor download = new Anchor();
    final Paragraph summary = new Paragraph();
    private final Paragraph refusal = new Paragraph();
    private Map<UUID, String> names = Map.of();
    KpiReport report;

    DashboardView(TenantAccess access, KpiService kpis, IntegrationService integrations, JsonMapper json) {
        this.access = access;
        this.kpis = kpis;
        this.integrations = integrations;
        this.json = json;
        period.setId("kpi-period");
        period.setLabel("Per");
        period.setItems(KpiPeriod.values());
        period.setItemLabelGenerator(p -> switch (p) {
            case DAY -> "Day";
            case WEEK -> "Week";
            case MONTH -> "Month";
        });
        period.setValue(KpiPeriod.DAY);
        integration.setId("kpi-integration");
        integration.setLabel("Integration");
        integration.setEmptySelectionAllowed(true);
        integration.setEmptySelectionCaption("All integrations");
        integration.setItemLabelGenerator(id -> id == null ? "All integrations" : names.getOrDefault(id, id.toString()));
        from.setId("kpi-from");
        to.setId("kpi-to");
        download.setId("kpi-download");
        download.setText("Download CSV");
        download.getElement().setAttribute("download", true);
        summary.setId("kpi-summary");
        locations.setId("kpi-locations");
        locations.addColumn(l -> l.location().isEmpty() ? "(no location)" : l.location()).setHeader("Vendor location");
        locations.addColumn(LocationKpis::records).setHeader("Records created");
        locations.addColumn(l -> l.hoursSaved() == null ? "-" : l.hoursSaved().toPlainString()).setHeader("Hours saved");
        locations.addColumn(l -> l.moneySaved() == null ? "-" : l.moneySaved().toPlainString()).setHeader("Money saved");
        locations.setAllRowsVisible(true);
        locationsNote.setId("kpi-locations-note");
        refusal.setId("kpi-refusal");
        refusal.setVisible(false);
        period.addValueChangeListener(e -> changed(e.isFromClient()));
        integration.addValueChangeListener(e -> changed(e.isFromClient()));
        from.addValueChangeListener(e -> changed(e.isFromClient()));
        to.addValueChangeListener(e -> changed(e.isFromClient()));
        HorizontalLayout filters = new HorizontalLayout(from, to, period, integration, download);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.getStyle().set("flex-wrap", "wrap");
        add(new H2("Dashboard"), refusal, summary, filters, tiles, new H3("Records synced and hours saved"), volume,
                new H3("Error rate and completion time against the targets"), quality, new H3("By vendor location"),
                locationsNote, locations);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        try {
            var list = integrations.list(scope(), Optional.empty(), Page.MAX_LIMIT).items();
            names = list.stream().collect(Collectors.toMap(Integration::id, Integration::name, (a, b) -> a));
            integration.setItems(list.stream().map(Integration::id).toList());
            KpiQuery defaults = kpis.query(null, null, null, null);
            QueryParameters url = event.getLocation().getQueryParameters();
            from.setValue(date(url, "from").orElse(defaults.from()));
            to.setValue(date(url, "to").orElse(defaults.to()));
            period.setValue(url.getSingleParameter("period").map(KpiPeriod::fromWire).orElse(KpiPeriod.DAY));
            integration.setValue(url.getSingleParameter("integration").flatMap(DashboardView::uuid)
                    .filter(names::containsKey).orElse(null));
            load();
        } catch (ProblemException e) {
            refusal.setText(Notices.message(e));
            refusal.setVisible(true);
        }
    }

    /** A filter the user changed: the URL keeps the choice (a link or a reload shows the same), then the KPIs follow. */
    private void changed(boolean fromClient) {
        if (!fromClient) {
            return;
        }
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        Optional.ofNullable(from.getValue()).ifPresent(d -> parameters.put("from", d.toString()));
        Optional.ofNullable(to.getValue()).ifPresent(d -> parameters.put("to", d.toString()));
        Optional.ofNullable(period.getValue()).ifPresent(p -> parameters.put("period", p.wire()));
        Optional.ofNullable(integration.getValue()).ifPresent(id -> parameters.put("integration", id.toString()));
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null,
                new Location("dashboard", QueryParameters.simple(parameters))));
        load();
    }

    /** Computes the KPIs of the chosen range, period and integration and shows them. */
    void load() {
        to.setInvalid(false);
        try {
            KpiQuery query = kpis.query(date(from.getValue()), date(to.getValue()), period.getValue().wire(),
                    integration.getValue() == null ? null : integration.getValue().toString());
            show(kpis.report(scope(), query));
        } catch (ProblemException e) {
            // A range problem (from after to, too long) belongs to the range's end.
            to.setErrorMessage(Notices.message(e));
            to.setInvalid(true);
        }
    }

    private void show(KpiReport shown) {
        report = shown;
        refusal.setVisible(false);
        summary.setText(shown.from() + " to " + shown.to() + " (UTC), "
                + (shown.integrationId() == null ? "all integrations" : names.getOrDefault(shown.integrationId(), "one integration"))
                + ". Money in " + shown.currency() + ", compute cost in " + shown.costCurrency() + ".");
        tiles.show(shown);
        volume.show(write(KpiCharts.volume(shown)));
        quality.show(write(KpiCharts.quality(shown)));
        locations.setItems(shown.locations());
        locationsNote.setText(shown.locations().isEmpty() ? "No records with a creation time in this range."
                : "Records new to each location by their creation time" + (shown.locationsTruncated()
                        ? ", the busiest " + shown.locations().size() + " locations." : "."));
        byte[] csv = KpiCsv.of(shown).getBytes(StandardCharsets.UTF_8);
        String file = "kpis-" + shown.from() + "-" + shown.to() + ".csv";
        download.setHref(DownloadHandler.fromInputStream(event -> new DownloadResponse(new ByteArrayInputStream(csv),
                file, "text/csv", csv.length)));
    }

    private String write(Object config) {
        try {
            return json.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
