package io.tillbridge.connector.pos;

import java.util.Locale;

/** An order's state across vendors: still open, completed (paid), or voided/canceled. */
public enum OrderState {
    OPEN, COMPLETED, VOIDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
