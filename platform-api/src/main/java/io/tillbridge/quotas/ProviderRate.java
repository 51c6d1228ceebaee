package io.tillbridge.quotas;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import jakarta.validation.constraints.Positive;

/**
 * The request rate one account of a provider allows, from {@code tillbridge.quotas.providers.<name>}:
 * {@code perSecond} requests a second on average, {@code burst} at once. The defaults in
 * {@code application.yml} come from each vendor's published limits.
 *
 * @param name the provider's rate class, as connectors name it ({@code square}, {@code xero}, ...)
 */
@EachProperty("tillbridge.quotas.providers")
public record ProviderRate(@Parameter String name, @Positive double perSecond, @Positive int burst) {
}
