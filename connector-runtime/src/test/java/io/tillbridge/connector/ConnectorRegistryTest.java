package io.tillbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.http.HttpJsonSourceConnector;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.ConnectorSpec;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ConnectorRegistryTest {

    private final ConnectorRegistry registry = ConnectorRegistry.load();

    @Test
    void the_built_in_connectors_are_found_through_the_service_loader() {
        assertThat(registry.specs()).extracting(ConnectorSpec::id).contains("http-json");
        assertThat(registry.spec("http-json")).contains(HttpJsonSourceConnector.SPEC);
    }

    @Test
    void each_creation_is_a_new_instance() {
        try (Connector<?> first = registry.create("http-json"); Connector<?> second = registry.create("http-json")) {
            assertThat(first).isInstanceOf(HttpJsonSourceConnector.class).isNotSameAs(second);
        }
    }

    @Test
    void an_unknown_id_is_refused() {
        assertThat(registry.spec("no-such-connector")).isEmpty();
        assertThatThrownBy(() -> registry.create("no-such-connector")).isInstanceOf(NoSuchElementException.class);
    }
}
