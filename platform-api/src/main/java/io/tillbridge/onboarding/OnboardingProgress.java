package io.tillbridge.onboarding;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where a tenant stands in onboarding.
 *
 * @param done the steps done, derived from the tenant's data where it tells, else as confirmed
 * @param posConnectionId the POS connection the integration reads, if any
 * @param integrationId the integration onboarding builds, if any
 * @param shadowRunId the latest shadow run the wizard started, if any
 */
public record OnboardingProgress(Set<OnboardingStep> done, UUID posConnectionId, UUID integrationId,
        UUID shadowRunId) {

    public OnboardingProgress {
        done = done.isEmpty() ? EnumSet.noneOf(OnboardingStep.class) : EnumSet.copyOf(done);
    }

    public boolean isDone(OnboardingStep step) {
        return done.contains(step);
    }

    /** The first step not done; empty when every step is. */
    public Optional<OnboardingStep> firstUnfinished() {
        for (OnboardingStep step : OnboardingStep.values()) {
            if (!done.contains(step)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /** Finished once the integration is live: the merchant's home is then the dashboard. */
    public boolean finished() {
        return done.contains(OnboardingStep.GO_LIVE);
    }
}
