package io.tillbridge.onboarding;

/** The steps of the onboarding wizard, in the order a merchant takes them. */
public enum OnboardingStep {
    BUSINESS("Business", "Business profile and currency"),
    LOCATIONS("Locations", "Locations with time zone and close-out hour"),
    TARGETS("Targets", "KPI targets before go-live"),
    CONNECT("Connect your POS", "Connect the POS, or try its sandbox"),
    DESTINATION("Destination", "Where the orders go, and the integration that takes them"),
    MAPPING("Review the mapping", "How POS fields become warehouse fields"),
    SHADOW_RUN("Shadow run", "A run that writes nothing and shows what it would write"),
    GO_LIVE("Go live", "Switch the integration to write");

    private final String title;
    private final String description;

    OnboardingStep(String title, String description) {
        this.title = title;
        this.description = description;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** 1 for the first step. */
    public int number() {
        return ordinal() + 1;
    }
}
