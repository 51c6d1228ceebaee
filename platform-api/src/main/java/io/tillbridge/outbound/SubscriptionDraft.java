package io.tillbridge.outbound;

import java.util.List;

/** What a member sets on a subscription: checked by {@link WebhookSubscriptions} (URL, types, sizes). */
public record SubscriptionDraft(String url, List<String> eventTypes, String description, boolean enabled) {

    public SubscriptionDraft {
        eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
        description = description == null ? "" : description;
    }
}
