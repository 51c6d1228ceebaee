package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's state: its clock and its merchants. Requests and {@link CloverSandbox#advance} hold
 * this object's lock while they read or change it. The inspection methods return copies.
 */
public final class SandboxData {

    private final Clock clock;
    private Duration advanced = Duration.ZERO;
    private final Map<String, MerchantData> merchants = new LinkedHashMap<>();

    SandboxData(Clock clock) {
        this.clock = clock;
    }

    /** The sandbox's now: its clock plus every {@code advance} so far, to the millisecond. */
    public synchronized Instant now() {
        return Instant.ofEpochMilli(clock.instant().plus(advanced).toEpochMilli());
    }

    synchronized void advanceClock(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        advanced = advanced.plus(by);
    }

    void add(MerchantData merchant) {
        merchants.put(merchant.id, merchant);
    }

    MerchantData merchant(String id) {
        return merchants.get(id);
    }

    List<MerchantData> merchants() {
        return new ArrayList<>(merchants.values());
    }

    /** The merchants' ids ({@code mId}), in the order of {@link CloverSandboxOptions#merchants()}. */
    public synchronized List<String> merchantIds() {
        return new ArrayList<>(merchants.keySet());
    }

    /** Every order of a merchant (with every nested list), oldest first. */
    public synchronized List<JsonNode> orders(String merchantId) {
        return copies(known(merchantId).orders);
    }

    public synchronized Optional<JsonNode> order(String merchantId, String orderId) {
        return Optional.ofNullable(known(merchantId).orders.get(orderId)).map(JsonNode::deepCopy);
    }

    public synchronized List<JsonNode> payments(String merchantId) {
        return copies(known(merchantId).payments);
    }

    public synchronized List<JsonNode> refunds(String merchantId) {
        return copies(known(merchantId).refunds);
    }

    public synchronized List<JsonNode> items(String merchantId) {
        return copies(known(merchantId).items);
    }

    /** The stock quantity of an item, or empty when the item has no stock record. */
    public synchronized Optional<Double> stock(String merchantId, String itemId) {
        return Optional.ofNullable(known(merchantId).itemStocks.get(itemId))
                .map(s -> s.path("quantity").asDouble());
    }

    /** Every item stock of the merchant as {@code /item_stocks} lists it ({@code item}, {@code quantity}, {@code modifiedTime}). */
    public synchronized List<JsonNode> itemStocks(String merchantId) {
        return copies(known(merchantId).itemStocks);
    }

    private MerchantData known(String merchantId) {
        MerchantData merchant = merchants.get(merchantId);
        if (merchant == null) {
            throw new IllegalArgumentException("no merchant " + merchantId);
        }
        return merchant;
    }

    private static List<JsonNode> copies(Map<String, ? extends JsonNode> from) {
        List<JsonNode> out = new ArrayList<>();
        from.values().forEach(n -> out.add(n.deepCopy()));
        return out;
    }
}
