package io.tillbridge.ui.landing;

import io.tillbridge.ui.TestContexts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

class ApiDocumentationIT {

    @Test
    void a_blank_address_counts_as_none() {
        try (ApplicationContext context = TestContexts.run(Map.of(ApiDocumentation.URL_PROPERTY, "  "))) {
            assertTrue(context.getBean(ApiDocumentation.class).url().isEmpty());
        }
    }

    @Test
    void an_address_the_platform_adds_after_start_up_is_picked_up() {
        try (ApplicationContext context = TestContexts.run()) {
            ApiDocumentation documentation = context.getBean(ApiDocumentation.class);

            context.getEnvironment().addPropertySource(PropertySource.of("runtime",
                    Map.of(ApiDocumentation.URL_PROPERTY, "http://127.0.0.1:8081/api/docs")));

            assertEquals(Optional.of("http://127.0.0.1:8081/api/docs"), documentation.url());
        }
    }
}
