package io.tillbridge.ui.landing;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/** The portal's front door: what Tillbridge is, and the ways in. */
@Route("")
@PageTitle("Tillbridge")
class LandingView extends VerticalLayout {

    static final String PITCH =
            "The open-source, multi-tenant integration platform for point-of-sale data.";

    LandingView(ApiDocumentation apiDocumentation) {
        setSizeFull();
        setPadding(true);
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        getStyle().set("background", "var(--lumo-contrast-5pct)");

        H1 productName = new H1("Tillbridge");
        productName.getStyle()
                .set("margin", "0")
                .set("font-size", "var(--lumo-font-size-xxxl)")
                .set("color", "var(--lumo-header-text-color)");

        Paragraph pitch = new Paragraph(PITCH);
        pitch.getStyle()
                .set("margin", "var(--lumo-space-s) 0 var(--lumo-space-l)")
                .set("font-size", "var(--lumo-font-size-l)")
                .set("color", "var(--lumo-secondary-text-color)");

        Button signUp = new Button("Create an account", event -> open("signup"));
        signUp.setId("sign-up");
        signUp.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button signIn = new Button("Sign in", event -> open("login"));
        signIn.setId("sign-in");

        HorizontalLayout actions = new HorizontalLayout(signUp, signIn);
        actions.setWrap(true);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        apiDocumentation.url().map(LandingView::apiDocumentationLink).ifPresent(actions::add);

        Div card = new Div(productName, pitch, actions);
        card.getStyle()
                .set("max-width", "40rem")
                .set("padding", "var(--lumo-space-xl)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("background", "var(--lumo-base-color)")
                .set("box-shadow", "var(--lumo-box-shadow-s)")
                .set("border-top", "4px solid var(--lumo-primary-color)");
        add(card);
    }

    private void open(String route) {
        getUI().ifPresent(ui -> ui.navigate(route));
    }

    private static Anchor apiDocumentationLink(String url) {
        Anchor link = new Anchor(url, "API documentation");
        link.setTarget(AnchorTarget.BLANK);
        link.getElement().setAttribute("rel", "noopener");
        Icon opensElsewhere = VaadinIcon.EXTERNAL_LINK.create();
        opensElsewhere.setSize("var(--lumo-icon-size-s)");
        link.add(opensElsewhere);
        link.getStyle()
                .set("display", "inline-flex")
                .set("align-items", "center")
                .set("gap", "var(--lumo-space-xs)")
                .set("font-weight", "500")
                .set("padding", "0 var(--lumo-space-m)");
        return link;
    }
}
