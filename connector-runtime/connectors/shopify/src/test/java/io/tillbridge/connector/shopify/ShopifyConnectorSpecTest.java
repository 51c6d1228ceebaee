package io.tillbridge.connector.shopify;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.tillbridge.connector.ConfigSchema;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.ConnectorSandbox;
import io.tillbridge.connector.spi.ConnectorSpec;
import java.net.URI;
import java.net.URL;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ShopifyConnectorSpecTest {

    @Test
    void the_connector_and_its_sandbox_are_found_through_the_service_loader() {
        assertThat(ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::type))
                .contains(ShopifyConnector.class);
        assertThat(ServiceLoader.load(ConnectorSandbox.Provider.class).stream().map(p -> p.get().connectorId()))
                .contains("shopify");
    }

    @Test
    void the_spec_names_every_role_the_streams_and_shopifys_oauth() {
        ConnectorSpec<ShopifyConfig> spec = new ShopifyConnector().spec();
        assertThat(spec.id()).isEqualTo("shopify");
        assertThat(spec.roles()).containsExactlyInAnyOrder(ConnectorSpec.Role.SOURCE, ConnectorSpec.Role.TARGET,
                ConnectorSpec.Role.WEBHOOK);
        assertThat(spec.streams()).containsAll(PosStreams.ALL).contains("orders", "products", "variants",
                "inventory_levels", "customers", "locations", "transactions", "inventory_levels.set",
                "inventory_levels.set_by_sku");
        assertThat(spec.oauth().scopeSeparator()).isEqualTo(",");
        assertThat(spec.oauth().authorizeUrl()).endsWith("/admin/oauth/authorize");
    }

    @Test
    void the_shop_decides_where_secrets_go_and_the_defaults_point_at_shopify() {
        var properties = ConfigSchema.of(ShopifyConfig.class).path("properties");
        assertThat(properties.path("shop").path(ConfigSchema.TARGET).asBoolean()).isTrue();
        assertThat(properties.path("baseUrl").path(ConfigSchema.TARGET).asBoolean()).isTrue();
        ShopifyConfig config = ShopifyConfig.of(null, "My-Store", "shpat_x");
        assertThat(config.shopUrl()).isEqualTo(URI.create("https://my-store.myshopify.com"));
        assertThat(config.api("orders")).isEqualTo(URI.create(
                "https://my-store.myshopify.com/admin/api/2025-07/orders.json"));
        assertThat(config.problems()).isEmpty();
        assertThat(ShopifyConfig.of(null, "evil.example.com/x", "t").problems()).isNotEmpty();
        assertThat(ShopifyConfig.of(null, "shop", "t").withPaging(15, 251, 3).problems()).isNotEmpty();
    }

    @Test
    void the_shopify_connector_opens_no_sockets_or_http_clients_outside_the_sandbox() {
        noClasses().that().resideInAPackage("io.tillbridge.connector.shopify..")
                .and().resideOutsideOfPackage("io.tillbridge.connector.shopify.sandbox..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.net.http.HttpClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.sun.net.httpserver.HttpServer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.hc.client5.http.impl.classic.HttpClients")
                .orShould().callMethod(URL.class, "openConnection")
                .because("every connection a connector opens must go through the egress policy (DD-017)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.tillbridge.connector.shopify"));
    }
}
