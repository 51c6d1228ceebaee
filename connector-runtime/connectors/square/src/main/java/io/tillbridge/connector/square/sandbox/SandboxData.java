package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The merchant's data as Square would answer it (the spec's objects, as JSON). Orders, payments
 * and refunds carry the time they reach the API: an offline order is created at the register up to
 * 72 hours before it is visible. Reads return copies; every method holds the data's lock.
 */
public final class SandboxData {

    /** A stored object and the time from which the API shows it. */
    record Stored(ObjectNode node, Instant visibleAt) {
    }

    private final SquareMerchant merchant;
    private final String merchantId;
    private final Clock baseClock;
    private Duration advanced = Duration.ZERO;
    private final List<ObjectNode> locations = new ArrayList<>();
    private final Map<String, ObjectNode> catalog = new LinkedHashMap<>();
    private final List<ObjectNode> customers = new ArrayList<>();
    private final Map<String, Stored> orders = new LinkedHashMap<>();
    private final Map<String, Stored> payments = new LinkedHashMap<>();
    private final Map<String, Stored> refunds = new LinkedHashMap<>();
    private final Map<String, ObjectNode> inventory = new LinkedHashMap<>();
    /** Counts changes of the orders, so that an index of them knows when to be built again. */
    private long orderChanges;

    SandboxData(SquareMerchant merchant, String merchantId, Clock clock) {
        this.merchant = merchant;
        this.merchantId = merchantId;
        this.baseClock = clock;
    }

    public SquareMerchant merchant() {
        return merchant;
    }

    public String merchantId() {
        return merchantId;
    }

    public String currency() {
        return merchant.currency();
    }

    /** The sandbox's present: its clock plus every {@link SquareSandbox#advance}. */
    public synchronized Instant now() {
        return baseClock.instant().plus(advanced);
    }

    synchronized void advanceClock(Duration by) {
        advanced = advanced.plus(by);
    }

    public synchronized List<ObjectNode> locations() {
        return copies(locations);
    }

    /** Every catalog object, deleted ones included, each variation and modifier also on its own. */
    public synchronized List<ObjectNode> catalogObjects() {
        return copies(catalog.values());
    }

    public synchronized List<ObjectNode> customers() {
        return copies(customers);
    }

    /** Orders the API shows now. */
    public synchronized List<ObjectNode> orders() {
        return visible(orders, o -> true);
    }

    /** Offline orders created at a register that have not reached the API yet. */
    /** The ids of the visible orders, without copying the orders. */
    public synchronized List<String> orderIds() {
        return live(orders, o -> true).stream().map(o -> o.path("id").asText()).toList();
    }

    public synchronized List<ObjectNode> pendingOrders() {
        Instant now = now();
        List<ObjectNode> out = new ArrayList<>();
        for (Stored s : orders.values()) {
            if (s.visibleAt().isAfter(now)) {
                out.add(s.node().deepCopy());
            }
        }
        return out;
    }

    public synchronized Optional<ObjectNode> order(String id) {
        Stored s = orders.get(id);
        return s == null || s.visibleAt().isAfter(now()) ? Optional.empty() : Optional.of(s.node().deepCopy());
    }

    public synchronized List<ObjectNode> payments() {
        return visible(payments, p -> true);
    }

    public synchronized List<ObjectNode> refunds() {
        return visible(refunds, r -> true);
    }

    public synchronized List<ObjectNode> inventoryCounts() {
        return copies(inventory.values());
    }

    // ---- for the generator and the endpoints (same package) ----

    synchronized void addLocation(ObjectNode location) {
        locations.add(location);
    }

    synchronized void putCatalog(ObjectNode object) {
        catalog.put(object.path("id").asText(), object);
    }

    synchronized ObjectNode catalogObject(String id) {
        return catalog.get(id);
    }

    synchronized List<ObjectNode> catalogLive() {
        return new ArrayList<>(catalog.values());
    }

    synchronized void addCustomer(ObjectNode customer) {
        customers.add(customer);
    }

    synchronized List<ObjectNode> customersLive() {
        return new ArrayList<>(customers);
    }

    synchronized List<ObjectNode> locationsLive() {
        return new ArrayList<>(locations);
    }

    synchronized void putOrder(ObjectNode order, Instant visibleAt) {
        orders.put(order.path("id").asText(), new Stored(order, visibleAt));
        orderChanges++;
    }

    /** Notes that stored orders were changed in place (paid, refunded): an index of them is stale. */
    synchronized void ordersChanged() {
        orderChanges++;
    }

    /** Grows with every change of the orders; equal values mean the same orders with the same times. */
    synchronized long orderChanges() {
        return orderChanges;
    }

    synchronized Stored storedOrder(String id) {
        return orders.get(id);
    }

    synchronized void putPayment(ObjectNode payment, Instant visibleAt) {
        payments.put(payment.path("id").asText(), new Stored(payment, visibleAt));
    }

    synchronized Stored storedPayment(String id) {
        return payments.get(id);
    }

    synchronized void putRefund(ObjectNode refund, Instant visibleAt) {
        refunds.put(refund.path("id").asText(), new Stored(refund, visibleAt));
    }

    synchronized void putInventory(String key, ObjectNode count) {
        inventory.put(key, count);
    }

    synchronized ObjectNode inventoryCount(String key) {
        return inventory.get(key);
    }

    /** The live orders the API shows now that match; callers copy what they answer. */
    synchronized List<ObjectNode> visibleOrders(Predicate<ObjectNode> filter) {
        return live(orders, filter);
    }

    synchronized List<ObjectNode> visiblePayments(Predicate<ObjectNode> filter) {
        return live(payments, filter);
    }

    synchronized List<ObjectNode> visibleRefunds(Predicate<ObjectNode> filter) {
        return live(refunds, filter);
    }

    synchronized List<Stored> allOrders() {
        return new ArrayList<>(orders.values());
    }

    synchronized List<ObjectNode> inventoryLive() {
        return new ArrayList<>(inventory.values());
    }

    private List<ObjectNode> live(Map<String, Stored> store, Predicate<ObjectNode> filter) {
        Instant now = now();
        List<ObjectNode> out = new ArrayList<>();
        for (Stored s : store.values()) {
            if (!s.visibleAt().isAfter(now) && filter.test(s.node())) {
                out.add(s.node());
            }
        }
        return out;
    }

    private List<ObjectNode> visible(Map<String, Stored> store, Predicate<ObjectNode> filter) {
        return copies(live(store, filter));
    }

    private static List<ObjectNode> copies(Iterable<ObjectNode> nodes) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode n : nodes) {
            out.add(n.deepCopy());
        }
        return out;
    }
}
