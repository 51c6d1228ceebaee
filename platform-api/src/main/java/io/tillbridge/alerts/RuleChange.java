package io.tillbridge.alerts;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The editable part of a rule; null leaves a value as it is (channelIds: see {@code allChannels}). */
public record RuleChange(Boolean enabled, Integer threshold, Integer growth, Integer growthHours, BigDecimal factor,
        Integer learnWeeks, Integer renotifyMinutes, List<UUID> channelIds, boolean allChannels) {
}
