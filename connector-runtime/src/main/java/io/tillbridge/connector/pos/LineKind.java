package io.tillbridge.connector.pos;

import java.util.Locale;

/**
 * What an order line sells. A {@link #GIFT_CARD} line is the sale (or reload) of a gift card: a
 * liability, never revenue.
 */
public enum LineKind {
    ITEM, CUSTOM_AMOUNT, GIFT_CARD;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
