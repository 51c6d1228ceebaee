package io.tillbridge.connector.pos;

import java.util.Locale;

/** How a tender was paid. Gift-card redemptions are their own kind: they release a liability. */
public enum TenderKind {
    CARD, CASH, GIFT_CARD, OTHER;

    /** The wire value: {@code card}, {@code cash}, {@code gift_card}, {@code other}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
