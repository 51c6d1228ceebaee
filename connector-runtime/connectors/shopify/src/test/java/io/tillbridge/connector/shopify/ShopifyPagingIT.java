package io.tillbridge.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
import io.tillbridge.connector.spi.Checkpoint;
import org.junit.jupiter.api.Test;

/** Link paging to the very end: no page count or record count caps a read. */
class ShopifyPagingIT {

    /** Shopify's (and the sandbox's) largest REST page. */
    private static final int MAX_PAGE = 250;

    @Test
    void more_than_ten_full_pages_of_orders_are_read_to_the_last_one() {
        try (ShopifyReads sandbox = new ShopifyReads(ShopifyReads.options(8, ShopProfile.US, MAX_PAGE * 10 + 120),
                MAX_PAGE)) {
            int visible = sandbox.shopify.shop().orders().size();
            assertThat(visible).isGreaterThan(MAX_PAGE * 10);

            CollectingSink sink = sandbox.read(ShopifyStreams.ORDERS, null);

            assertThat(sink.committed()).hasSize(visible);
            assertThat(ShopifyReads.keys(sink.committed())).doesNotHaveDuplicates();
            long checkpoints = sink.events().stream().filter(e -> e instanceof Checkpoint).count();
            assertThat(checkpoints).as("one checkpoint per page").isGreaterThan(10);
            assertThat(sink.uncommitted()).isEmpty();
        }
    }
}
