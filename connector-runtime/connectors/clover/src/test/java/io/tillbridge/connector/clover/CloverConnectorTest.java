package io.tillbridge.connector.clover;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.ConnectorSandbox;
import io.tillbridge.connector.spi.ConnectorSpec.Role;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.WebhookSubscriptions;
import java.net.URI;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What the Clover connector declares, without any request. */
class CloverConnectorTest {

    @Test
    void the_connector_and_its_sandbox_are_found_through_the_service_loader() {
        assertThat(ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::type))
                .contains(CloverConnector.class);
        assertThat(ServiceLoader.load(ConnectorSandbox.Provider.class).stream().map(ServiceLoader.Provider::get)
                .map(ConnectorSandbox.Provider::connectorId)).contains(CloverConnector.ID);
    }

    @Test
    void it_reads_writes_item_stock_receives_webhooks_and_registers_no_subscriptions() {
        CloverConnector connector = new CloverConnector();
        assertThat(connector.spec().roles()).containsExactlyInAnyOrder(Role.SOURCE, Role.TARGET, Role.WEBHOOK);
        assertThat(connector).isNotInstanceOf(WebhookSubscriptions.class).isInstanceOf(TargetConnector.class);
        assertThat(connector.spec().streams()).startsWith(CloverStreams.ALL.toArray(String[]::new))
                .endsWith(ItemStocks.OBJECT);
        assertThat(CloverStreamDescriptors.all()).extracting(d -> d.name())
                .containsExactlyElementsOf(connector.spec().streams());
    }

    @Test
    void the_authorize_page_is_on_the_web_host_of_the_apis_region() {
        assertThat(CloverConnector.authorizeBase(URI.create("https://api.clover.com"))).isEqualTo("https://www.clover.com");
        assertThat(CloverConnector.authorizeBase(URI.create("https://api.eu.clover.com")))
                .isEqualTo("https://www.eu.clover.com");
        assertThat(CloverConnector.authorizeBase(URI.create("https://apisandbox.dev.clover.com")))
                .isEqualTo("https://sandbox.dev.clover.com");
        assertThat(CloverConnector.authorizeBase(URI.create("http://127.0.0.1:8123/"))).isEqualTo("http://127.0.0.1:8123");
        URI url = new CloverConnector().authorizationUrl(CloverConfig.of(null, "M1", null), "APP 1",
                URI.create("https://portal.example/oauth/callback"), "s&1");
        assertThat(url.toString()).isEqualTo("https://www.clover.com/oauth/v2/authorize?client_id=APP+1&redirect_uri="
                + "https%3A%2F%2Fportal.example%2Foauth%2Fcallback&state=s%261&response_type=code");
    }

    @Test
    void parameter_problems_fail_the_check_as_config_without_a_request() {
        CloverConfig good = CloverConfig.of(URI.create("http://127.0.0.1:9"), "M1", "token");
        assertThat(good.problems()).isEmpty();
        assertThat(good.withMerchant("").problems()).anyMatch(p -> p.contains("merchant id"));
        assertThat(good.withAccessToken(null).problems()).anyMatch(p -> p.contains("access token"));
        assertThat(good.withOAuth(null, null, "refresh").problems()).anyMatch(p -> p.contains("app id"));
        assertThat(good.withBusinessDay("25:00", "").problems()).anyMatch(p -> p.contains("close-out"));
        assertThat(good.withBusinessDay("04:00", "Mars/Olympus").problems()).anyMatch(p -> p.contains("time zone"));
        assertThat(new CloverConnector().check(good.withMerchant("")).status()).isEqualTo(CheckResult.Status.CONFIG);
    }
}
