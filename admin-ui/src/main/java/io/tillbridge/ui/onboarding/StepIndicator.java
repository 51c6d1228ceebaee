package io.tillbridge.ui.onboarding;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.tillbridge.onboarding.OnboardingProgress;
import io.tillbridge.onboarding.OnboardingStep;
import java.util.function.Consumer;

/**
 * The wizard's steps in order, each labelled in words (done, current, to do), never by colour
 * alone. A step done, the current one and the first unfinished one can be opened; later ones not yet.
 */
class StepIndicator extends VerticalLayout {

    final Paragraph summary = new Paragraph();
    final OrderedList steps = new OrderedList();

    StepIndicator() {
        setPadding(false);
        setSpacing(false);
        summary.setId("onboarding-progress");
        summary.getStyle().set("margin", "0");
        steps.setId("onboarding-steps");
        steps.getElement().setAttribute("aria-label", "Setup steps");
        steps.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)")
                .set("list-style", "none").set("padding", "0").set("margin", "var(--lumo-space-s) 0");
        add(summary, steps);
    }

    void show(OnboardingProgress progress, OnboardingStep current, Consumer<OnboardingStep> open) {
        long done = progress.done().size();
        int total = OnboardingStep.values().length;
        summary.setText("Step " + current.number() + " of " + total + ": " + current.title() + " · " + done + " of "
                + total + " steps done");
        steps.removeAll();
        OnboardingStep reachable = progress.firstUnfinished().orElse(OnboardingStep.GO_LIVE);
        for (OnboardingStep step : OnboardingStep.values()) {
            String state = step == current ? "current step" : progress.isDone(step) ? "done" : "to do";
            Button button = new Button(step.number() + ". " + step.title());
            button.setId("onboarding-step-" + step.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            button.addThemeVariants(step == current ? ButtonVariant.LUMO_PRIMARY : ButtonVariant.LUMO_TERTIARY);
            button.getElement().setAttribute("aria-label", step.number() + ". " + step.title() + ", " + state);
            if (step == current) {
                button.getElement().setAttribute("aria-current", "step");
            }
            button.setEnabled(step.ordinal() <= reachable.ordinal() || progress.isDone(step));
            button.addClickListener(event -> open.accept(step));
            Span label = new Span(state.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + state.substring(1));
            label.getElement().getThemeList().add(progress.isDone(step) ? "badge success" : "badge contrast");
            label.getElement().setAttribute("aria-hidden", "true");
            ListItem item = new ListItem(button, label);
            item.getStyle().set("display", "flex").set("align-items", "center").set("gap", "var(--lumo-space-xs)");
            steps.add(item);
        }
    }
}
