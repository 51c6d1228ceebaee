package io.tillbridge.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.clover.CloverConfig;
import io.tillbridge.connector.clover.CloverConnector;
import io.tillbridge.connector.clover.sandbox.CloverSandbox;
import io.tillbridge.connector.clover.sandbox.CloverSandboxOptions;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.mapping.MappingValidator;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.rest.Sleeper;
import io.tillbridge.connector.shopify.ShopifyConfig;
import io.tillbridge.connector.shopify.ShopifyConnector;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
import io.tillbridge.connector.shopify.sandbox.ShopifySandbox;
import io.tillbridge.connector.shopify.sandbox.ShopifySandboxOptions;
import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.StreamDescriptor;
import io.tillbridge.connector.square.SquareConfig;
import io.tillbridge.connector.square.SquareConnector;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The template's mapping against what each POS connector discovers for {@code pos.inventory} and what
 * the Shopify connector discovers for {@code inventory_levels.set_by_sku}: the save-time validation the
 * mappings API runs (fields, types, source paths, the dry run over the discovered samples) finds
 * nothing, as installed and once the merchant paired a location.
 */
class PosInventoryTemplateConnectorsIT {

    private static SquareSandbox square;
    private static ShopifySandbox shopify;
    private static CloverSandbox clover;
    private static StreamDescriptor target;

    @BeforeAll
    static void start_the_sandboxes() {
        square = SquareSandbox.start(SquareSandboxOptions.defaults().withOrders(0));
        shopify = ShopifySandbox.start(ShopifySandboxOptions.defaults().withOrders(0));
        clover = CloverSandbox.start(CloverSandboxOptions.defaults().withOrders(0).withoutRateLimits());
        target = find(shopifyCatalog(), "inventory_levels.set_by_sku");
    }

    @AfterAll
    static void stop_the_sandboxes() {
        square.close();
        shopify.close();
        clover.close();
    }

    @Test
    void the_mapping_fits_squares_pos_inventory() throws Exception {
        Catalog catalog;
        try (SquareConnector connector = new SquareConnector(RetryPolicy.DEFAULT, Sleeper.REAL, Clock.systemUTC(),
                () -> 0.5, TestEgress.LOOPBACK)) {
            catalog = connector.discover(SquareConfig.of(square.baseUri(), square.issueToken()));
        }
        fits(find(catalog, PosStreams.INVENTORY));
    }

    @Test
    void the_mapping_fits_shopifys_pos_inventory() throws Exception {
        fits(find(shopifyCatalog(), PosStreams.INVENTORY));
    }

    @Test
    void the_mapping_fits_clovers_pos_inventory() throws Exception {
        String merchant = clover.merchantIds().get(0);
        Catalog catalog;
        try (CloverConnector connector = new CloverConnector(RetryPolicy.DEFAULT, Sleeper.REAL, Clock.systemUTC(),
                () -> 0.5, TestEgress.LOOPBACK)) {
            catalog = connector.discover(CloverConfig.of(clover.baseUri(), merchant, clover.issueToken(merchant)));
        }
        fits(find(catalog, PosStreams.INVENTORY));
    }

    private static void fits(StreamDescriptor source) throws Exception {
        for (Map<String, Object> pairs : java.util.List.<Map<String, Object>>of(Map.of(),
                Map.of("L88917AVBK2S5", "487838322"))) {
            MappingSpec spec = PosInventoryTemplateTest.mapping(pairs);
            assertThat(MappingValidator.validate(spec, source, target, MappingValidator.sampleRecords(source)))
                    .as("validation of the mapping with the pairs %s", pairs).isEmpty();
        }
        assertThat(MappingValidator.sampleRecords(source)).as("the dry run has samples to map").isNotEmpty();
    }

    private static Catalog shopifyCatalog() {
        String handle = ShopProfile.US.handle();
        try (ShopifyConnector connector = new ShopifyConnector(RetryPolicy.DEFAULT, Sleeper.REAL, Clock.systemUTC(),
                () -> 0.5, TestEgress.LOOPBACK)) {
            return connector.discover(ShopifyConfig.of(shopify.shopUri(handle), ShopProfile.US.domain(),
                    shopify.issueToken(handle, Set.of("read_products", "read_inventory", "write_inventory",
                            "read_locations", "read_orders", "read_customers"))));
        }
    }

    private static StreamDescriptor find(Catalog catalog, String name) {
        return catalog.streams().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("the catalog has no " + name));
    }
}
