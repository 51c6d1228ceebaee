package io.tillbridge.ui.landing;

import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Where the platform's HTTP API is documented: the property {@code tillbridge.api.docs-url}, if the
 * deployment sets it. Without it the portal offers no documentation link.
 *
 * <p>Read on every call, not once: the platform learns the API's address (and adds the property) only
 * after its Micronaut context has started.
 */
@Singleton
public final class ApiDocumentation {

    static final String URL_PROPERTY = "tillbridge.api.docs-url";

    private final Environment environment;

    ApiDocumentation(Environment environment) {
        this.environment = environment;
    }

    public Optional<String> url() {
        return environment.getProperty(URL_PROPERTY, String.class)
                .map(String::strip)
                .filter(url -> !url.isEmpty());
    }
}
