package io.tillbridge.ui.integrations;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.scheduling.Schedule;
import io.tillbridge.scheduling.ScheduleDraft;
import io.tillbridge.scheduling.ScheduleService;
import io.tillbridge.ui.Notices;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * When an integration runs by itself: a cron expression in a time zone, or a fixed interval, with
 * the next times it fires; set, change or remove (after a confirmation). The service's refusals
 * (a bad expression or zone, too short an interval) appear at the field they concern.
 */
class ScheduleSection extends VerticalLayout {

    static final String CRON = "A cron expression";
    static final String INTERVAL = "A fixed interval";

    private final ScheduleService schedules;
    private final Supplier<TenantScope> scope;
    private final UUID integrationId;
    final Paragraph summary = new Paragraph();
    final RadioButtonGroup<String> kind = new RadioButtonGroup<>("Runs by itself on");
    final TextField cron = new TextField("Cron expression");
    final ComboBox<String> zone = new ComboBox<>("Time zone");
    final IntegerField interval = new IntegerField("Every (seconds)");
    final Button save = new Button("Save schedule");
    final Button remove = new Button("Remove schedule");
    private Optional<Schedule> current = Optional.empty();

    ScheduleSection(ScheduleService schedules, Supplier<TenantScope> scope, UUID integrationId) {
        this.schedules = schedules;
        this.scope = scope;
        this.integrationId = integrationId;
        setPadding(false);
        summary.setId("schedule-summary");
        kind.setId("schedule-kind");
        kind.setItems(CRON, INTERVAL);
        kind.addValueChangeListener(event -> showKind());
        cron.setId("schedule-cron");
        cron.setMaxLength(120);
        cron.setHelperText("Quartz format, seconds first: 0 0 6 * * ? runs at 06:00 every day");
        zone.setId("schedule-zone");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        zone.setAllowCustomValue(true);
        // A typed zone is kept as typed, so that the service can say at the field what is wrong with it.
        zone.addCustomValueSetListener(event -> zone.setValue(event.getDetail()));
        interval.setId("schedule-interval");
        interval.setMin(1);
        interval.setHelperText("900 runs it every 15 minutes");
        save.setId("schedule-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(event -> save());
        remove.setId("schedule-remove");
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        remove.addClickListener(event -> Confirmation.ask("Remove the schedule?", "The integration then runs only when"
                + " you run it now or a webhook starts it.", "Remove", "schedule-remove-confirm", true, this::removeNow));
        HorizontalLayout fields = new HorizontalLayout(cron, zone, interval);
        fields.setWrap(true);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(summary, kind, fields, new HorizontalLayout(save, remove));
    }

    /** Reads the schedule and shows it. */
    void load() {
        try {
            current = Optional.of(schedules.get(scope.get(), integrationId));
        } catch (ProblemException e) {
            if (e.type() != ProblemType.NOT_FOUND) {
                throw e;
            }
            current = Optional.empty();
        }
        boolean mayConfigure = scope.get().may(Permission.CONFIGURE);
        summary.setText(current.map(ScheduleSection::words).orElse("No schedule: the integration runs when you run it"
                + " now or a webhook starts it."));
        cron.setValue(current.map(Schedule::cron).orElse(""));
        zone.setValue(current.map(Schedule::timeZone).orElse("UTC"));
        interval.setValue(current.map(Schedule::intervalSeconds).orElse(null));
        kind.setValue(current.isPresent() && current.get().intervalSeconds() != null ? INTERVAL : CRON);
        List.<HasValidation>of(cron, zone, interval).forEach(f -> f.setInvalid(false));
        save.setVisible(mayConfigure);
        remove.setVisible(mayConfigure && current.isPresent());
        kind.setReadOnly(!mayConfigure);
    }

    private void showKind() {
        boolean byCron = !INTERVAL.equals(kind.getValue());
        cron.setVisible(byCron);
        zone.setVisible(byCron);
        interval.setVisible(!byCron);
    }

    static String words(Schedule schedule) {
        String when = schedule.cron() != null ? "Runs on the cron expression " + schedule.cron() + " in "
                + schedule.timeZone() : "Runs every " + schedule.intervalSeconds() + " seconds";
        if (!schedule.enabled()) {
            return when + " (disabled: it starts no runs).";
        }
        return when + (schedule.nextFireTimes().isEmpty() ? "." : ". Next: " + schedule.nextFireTimes().stream()
                .limit(3).map(IntegrationWords::time).collect(Collectors.joining(", ")) + ".");
    }

    void save() {
        List.<HasValidation>of(cron, zone, interval).forEach(f -> f.setInvalid(false));
        boolean byCron = !INTERVAL.equals(kind.getValue());
        if (byCron && cron.getValue().isBlank()) {
            refuse(cron, "Enter a cron expression, e.g. 0 0 6 * * ? for 06:00 every day");
            return;
        }
        if (!byCron && interval.getValue() == null) {
            refuse(interval, "Enter how many seconds apart the runs start");
            return;
        }
        ScheduleDraft draft = byCron ? new ScheduleDraft(cron.getValue(), zone.getValue(), null, true)
                : new ScheduleDraft(null, null, interval.getValue(), true);
        try {
            schedules.put(scope.get(), integrationId, current.map(Schedule::version), draft);
            load();
            Notices.done("Schedule saved.");
        } catch (ProblemException e) {
            Map<String, HasValidation> fields = Map.of("cron", cron, "timeZone", zone, "intervalSeconds", interval);
            boolean atField = false;
            for (Problem.FieldError error : e.errors() == null ? List.<Problem.FieldError>of() : e.errors()) {
                HasValidation field = fields.get(error.field());
                if (field != null) {
                    refuse(field, sentence(error.message()));
                    atField = true;
                }
            }
            if (!atField) {
                Notices.refused(e);
            }
        }
    }

    /** The service's "is not an IANA time zone id ..." as a sentence of its own. */
    private static String sentence(String message) {
        String text = message.startsWith("is ") || message.startsWith("must ") || message.startsWith("fires ")
                || message.startsWith("never ") ? "This " + message : message;
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static void refuse(HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    void removeNow() {
        if (current.isEmpty()) {
            return;
        }
        if (Notices.attempt(() -> schedules.delete(scope.get(), integrationId, current.get().version()))) {
            Notices.done("Schedule removed.");
        }
        load();
    }
}
