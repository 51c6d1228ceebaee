package io.tillbridge.alerts;

import java.util.List;

/** A channel to create or the new settings of one: addresses for email, url for chat and webhook. */
public record ChannelDraft(String name, String kind, List<String> addresses, String url) {
}
