package io.tillbridge.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The frame of the pages one sees before signing in: a card in the middle of the page. */
public abstract class PublicPage extends VerticalLayout {

    private final Div card = new Div();
    private final H2 title;

    protected PublicPage(String heading) {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        getStyle().set("background", "var(--lumo-contrast-5pct)");
        title = new H2(heading);
        title.getStyle().set("margin-top", "0");
        card.add(title);
        card.setWidth("28rem");
        card.getStyle()
                .set("max-width", "100%")
                .set("padding", "var(--lumo-space-l) var(--lumo-space-xl)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("background", "var(--lumo-base-color)")
                .set("box-shadow", "var(--lumo-box-shadow-s)")
                .set("border-top", "4px solid var(--lumo-primary-color)");
        add(card);
    }

    /** Replaces what the card shows below its heading. */
    protected void show(Component... content) {
        card.removeAll();
        card.add(title);
        card.add(content);
    }

    protected void setHeading(String heading) {
        title.setText(heading);
    }
}
