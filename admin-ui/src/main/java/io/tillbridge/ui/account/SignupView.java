package io.tillbridge.ui.account;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.Visitor;
import io.tillbridge.ratelimits.AnonymousLimits;
import io.tillbridge.ui.PublicPage;
import io.tillbridge.users.SignupService;
import java.util.Map;

/** Self-signup: the business becomes a tenant and the person its owner; then "check your mail". */
@Route("signup")
@PageTitle("Create your account · Tillbridge")
class SignupView extends PublicPage implements BeforeEnterObserver {

    private final SignupService signups;
    private final AnonymousLimits limits;
    private final SignupForm form = new SignupForm();
    private final Anchor signIn = new Anchor("login", "Sign in");
    private String next = "";

    SignupView(SignupService signups, AnonymousLimits limits) {
        super("Create your Tillbridge account");
        this.limits = limits;
        this.signups = signups;
        form.addSubmitListener(event -> signUp(event.signup()));
        Paragraph already = new Paragraph("Have an account already? ");
        already.add(signIn);
        show(form, already);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        next = event.getLocation().getQueryParameters().getSingleParameter("continue").orElse("");
        signIn.setHref(next.isEmpty() ? "login" : "login?" + QueryParameters.simple(Map.of("continue", next)).getQueryString());
    }

    private void signUp(io.tillbridge.users.Signup signup) {
        try {
            limits.require(AnonymousLimits.Kind.SIGN_UP, Visitor.address());
            signups.signUp(signup);
            Map<String, String> parameters = next.isEmpty()
                    ? Map.of("email", signup.email())
                    : Map.of("email", signup.email(), "continue", next);
            UI.getCurrent().navigate("signup/check-your-mail", QueryParameters.simple(parameters));
        } catch (ProblemException e) {
            if (e.type() == ProblemType.CONFLICT) {
                form.refuseEmail(e.getMessage());
            } else {
                Notices.refused(e);
            }
        }
    }
}
