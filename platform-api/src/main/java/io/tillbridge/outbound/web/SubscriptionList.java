package io.tillbridge.outbound.web;

import io.micronaut.serde.annotation.Serdeable;
import io.tillbridge.outbound.WebhookSubscription;
import java.util.List;

/** The tenant's subscriptions (at most 25), oldest first, and the event types one can subscribe to. */
@Serdeable
public record SubscriptionList(List<WebhookSubscription> items, List<String> eventTypes) {
}
