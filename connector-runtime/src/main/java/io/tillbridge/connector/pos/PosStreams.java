package io.tillbridge.connector.pos;

import java.util.List;

/** The names of the canonical POS streams. */
public final class PosStreams {

    public static final String ORDERS = "pos.orders";
    public static final String PAYMENTS = "pos.payments";
    public static final String REFUNDS = "pos.refunds";
    public static final String LOCATIONS = "pos.locations";
    public static final String ITEMS = "pos.items";
    public static final String INVENTORY = "pos.inventory";

    /** Every canonical stream, in the order a connector lists them. */
    public static final List<String> ALL = List.of(ORDERS, PAYMENTS, REFUNDS, LOCATIONS, ITEMS, INVENTORY);

    private PosStreams() {
    }
}
