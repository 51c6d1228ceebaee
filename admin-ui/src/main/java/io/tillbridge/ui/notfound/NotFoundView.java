package io.tillbridge.ui.notfound;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.PublicPage;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What an address the portal does not know shows, in place of Vaadin's bare "Could not navigate"
 * text: a page in the portal's style that says so, with a way back, answered with HTTP 404.
 */
@PageTitle("Page not found · Tillbridge")
public class NotFoundView extends PublicPage implements HasErrorParameter<NotFoundException> {

    static final String HEADING = "Page not found";

    final Paragraph explanation = new Paragraph();
    final Anchor back = new Anchor("", "");

    public NotFoundView() {
        super(HEADING);
        explanation.setId("not-found-text");
        back.setId("not-found-back");
        show(explanation, back);
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        String path = event.getLocation().getPath();
        explanation.setText("There is no page at /" + (path.length() > 120 ? path.substring(0, 120) + "…" : path)
                + ". The link may be old or mistyped.");
        boolean signedIn = PortalSession.current().isPresent();
        back.setHref(signedIn ? "home" : "./");
        back.setText(signedIn ? "Go to your home page" : "Go to the Tillbridge start page");
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
