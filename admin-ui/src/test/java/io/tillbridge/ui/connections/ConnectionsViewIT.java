package io.tillbridge.ui.connections;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import io.tillbridge.paging.Page;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The portal's connection pages against a real database and the Square sandbox on loopback. */
class ConnectionsViewIT {

    private static ApplicationContext context;
    private static SquareSandbox square;
    private PortalSession session;

    @BeforeAll
    static void start() {
        // Connections keep their secrets in the vault, and the sandbox listens on loopback.
        context = TestContexts.withConnections(java.util.Map.of());
        square = SquareSandbox.start(SquareSandboxOptions.defaults());
    }

    @AfterAll
    static void close() {
        square.close();
        context.close();
    }

    @BeforeEach
    void signIn() {
        String owner = PortalFixture.signUp(context, "Connections Test Bakery");
        MockPortal.setUp(context);
        session = PortalFixture.signIn(context, owner);
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void the_catalog_offers_every_installed_connector_with_its_description() {
        UI.getCurrent().navigate("connect");

        ConnectView view = _get(ConnectView.class);
        assertThat(view.cards.getChildren().count()).isGreaterThanOrEqualTo(4);
        for (String id : List.of("square", "shopify", "clover", "http-json")) {
            _get(Button.class, spec -> spec.withId("connect-" + id));
        }
    }

    @Test
    void the_form_is_generated_from_the_config_schema_with_secrets_masked_and_defaults_filled() {
        UI.getCurrent().navigate("connect/square");

        SchemaForm form = _get(ConnectView.class).form;
        assertThat(form.fields().get("accessToken").component()).isInstanceOf(PasswordField.class);
        assertThat(((TextField) form.fields().get("baseUrl").component()).getValue()).isEqualTo("https://connect.squareup.com");
        assertThat(((TextField) form.fields().get("baseUrl").component()).getLabel()).isEqualTo("Square API URL");
    }

    @Test
    void a_missing_name_and_a_bad_address_are_refused_at_their_fields_and_nothing_is_saved() {
        UI.getCurrent().navigate("connect/square");
        ConnectView view = _get(ConnectView.class);
        ((TextField) view.form.fields().get("baseUrl").component()).setValue("not a url");

        view.save();

        assertThat(view.name.isInvalid()).isTrue();
        assertThat(view.name.getErrorMessage()).contains("Give the connection a name");
        TextField baseUrl = (TextField) view.form.fields().get("baseUrl").component();
        assertThat(baseUrl.isInvalid()).isTrue();
        assertThat(baseUrl.getErrorMessage()).contains("full address");
        assertThat(connections()).isEmpty();
    }

    @Test
    void a_merchant_connects_square_tests_it_sees_its_streams_and_the_stored_secret_is_kept_on_save() {
        UI.getCurrent().navigate("connect/square");
        ConnectView add = _get(ConnectView.class);
        add.name.setValue("Main street Square");
        ((TextField) add.form.fields().get("baseUrl").component()).setValue(square.baseUri().toString());
        ((PasswordField) add.form.fields().get("accessToken").component()).setValue(square.issueToken());

        add.save();

        ConnectionView view = _get(ConnectionView.class);
        assertThat(view.title.getText()).isEqualTo("Main street Square");
        PasswordField token = (PasswordField) view.form.fields().get("accessToken").component();
        assertThat(token.getValue()).isEmpty();
        assertThat(token.getPlaceholder()).isEqualTo(SchemaForm.KEEP_SECRET);

        assertThat(view.health.getText()).isEqualTo("Health: Not checked yet.");
        view.test();
        assertThat(view.checkResult.getText()).startsWith("Connected");
        assertThat(view.health.getText()).startsWith("Health: Working, checked ");

        view.name.setValue("Main street");
        view.save();
        ConnectionView saved = _get(ConnectionView.class);
        saved.test();
        assertThat(saved.checkResult.getText()).as("the stored token was kept").startsWith("Connected");

        saved.discover();
        assertThat(saved.shownStreams()).extracting(s -> s.name()).contains("orders", "pos.orders");
        assertThat(GridKt._size(saved.streams)).isGreaterThan(5);
    }

    @Test
    void refused_credentials_read_as_a_fix() {
        UI.getCurrent().navigate("connect/square");
        ConnectView add = _get(ConnectView.class);
        add.name.setValue("Wrong token");
        ((TextField) add.form.fields().get("baseUrl").component()).setValue(square.baseUri().toString());
        ((PasswordField) add.form.fields().get("accessToken").component()).setValue("not-a-token");
        add.save();

        ConnectionView view = _get(ConnectionView.class);
        view.test();

        assertThat(view.checkResult.getText()).startsWith("The system refused the credentials").contains("Enter them again");
        assertThat(view.health.getText()).startsWith("Health: Failing, checked ").contains(", failing since ", "(AUTH)");
    }

    @Test
    void a_merchant_tries_the_sandbox_without_credentials_and_it_checks_and_shows_streams() {
        UI.getCurrent().navigate("connect/square");
        ConnectView add = _get(ConnectView.class);

        _click(_get(Button.class, spec -> spec.withId("connection-sandbox")));

        ConnectionView view = _get(ConnectionView.class);
        assertThat(view.title.getText()).isEqualTo("Square sandbox");
        view.test();
        assertThat(view.checkResult.getText()).startsWith("Connected");
        assertThat(connections()).singleElement().satisfies(c -> assertThat(c.sandbox()).isTrue());
    }

    @Test
    void connecting_with_oauth_without_an_operator_client_says_why_at_once() {
        UI.getCurrent().navigate("connect/square");
        ConnectView add = _get(ConnectView.class);
        add.name.setValue("Main street Square");

        add.startOAuth();

        assertThat(com.github.mvysny.kaributesting.v10.NotificationsKt.getNotifications())
                .anySatisfy(n -> assertThat(n.getElement().getProperty("text")).containsIgnoringCase("client"));
        assertThat(connections()).isEmpty();
    }

    @Test
    void deleting_asks_first_and_then_removes_the_connection() {
        UI.getCurrent().navigate("connect/square");
        ConnectView add = _get(ConnectView.class);
        add.name.setValue("To delete");
        // Never the vendor itself: tests talk to loopback only.
        ((TextField) add.form.fields().get("baseUrl").component()).setValue(square.baseUri().toString());
        ((PasswordField) add.form.fields().get("accessToken").component()).setValue("token");
        add.save();
        ConnectionView view = _get(ConnectionView.class);

        _click(view.delete);
        _click(_get(Button.class, spec -> spec.withId("connection-delete-confirm")));

        assertThat(connections()).isEmpty();
        _get(ConnectionsView.class);
    }

    @Test
    void another_tenants_connection_is_not_found() {
        UI.getCurrent().navigate("connect/square");
        ConnectView add = _get(ConnectView.class);
        add.name.setValue("Mine");
        // Never the vendor itself: tests talk to loopback only.
        ((TextField) add.form.fields().get("baseUrl").component()).setValue(square.baseUri().toString());
        ((PasswordField) add.form.fields().get("accessToken").component()).setValue("token");
        add.save();
        String mine = UI.getCurrent().getInternals().getActiveViewLocation().getPath();

        MockPortal.tearDown();
        MockPortal.setUp(context);
        PortalFixture.signIn(context, PortalFixture.signUp(context, "Other Bakery"));
        UI.getCurrent().navigate(mine);

        assertThat(_get(ConnectionView.class).getElement().getTextRecursively()).contains("No such connection")
                .doesNotContain("Mine");
    }

    private List<ConnectionDetail> connections() {
        return context.getBean(ConnectionService.class)
                .list(session.admit(context.getBean(TenantAccess.class)), Optional.empty(), Page.MAX_LIMIT).items();
    }
}
