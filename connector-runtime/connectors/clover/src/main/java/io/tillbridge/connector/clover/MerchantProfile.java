package io.tillbridge.connector.clover;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.pos.PosLocation;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The merchant a connection reads ({@code GET /v3/merchants/{mId}?expand=properties}), with what
 * the canonical records need of it. Clover has one location per merchant, so the merchant is the
 * canonical location ({@code pos.locations}, keyed by {@code mId}). Its time zone and currency are in
 * {@code properties} ({@code timezone}, {@code defaultCurrency}); a merchant record without a time
 * zone uses the config's, else UTC. Clover has no close-out setting in the API, so the config's
 * (midnight by default).
 */
final class MerchantProfile {

    private final JsonNode node;
    private final PosLocation location;
    private final CloverMoney money;

    private MerchantProfile(JsonNode node, CloverConfig config) {
        this.node = node;
        JsonNode properties = node.path("properties");
        String currency = properties.path("defaultCurrency").asText("");
        this.money = CloverMoney.of(currency.isEmpty() ? "USD" : currency);
        this.location = new PosLocation(node.path("id").asText(config.merchantId()), CloverConnector.ID,
                node.path("name").asText(null), zone(properties.path("timezone").asText(""), config),
                config.closeOutTime(), money.currency(), node.path("address").path("country").asText(null), true);
    }

    /** Reads the merchant; a 401 fails AUTH (a token is issued for one merchant). */
    static MerchantProfile load(CloverApi api, CloverConfig config) {
        return new MerchantProfile(api.get("", List.of(new CloverApi.Param("expand", "properties"))), config);
    }

    JsonNode node() {
        return node;
    }

    PosLocation location() {
        return location;
    }

    String id() {
        return location.id();
    }

    /** The merchant's currency's money. */
    CloverMoney money() {
        return money;
    }

    /** The money of an object's {@code currency}, the merchant's when it names none. */
    CloverMoney money(JsonNode object) {
        String currency = object.path("currency").asText("");
        return currency.isEmpty() || currency.equals(money.currency()) ? money : CloverMoney.of(currency);
    }

    /** The business day of an epoch-millisecond time; null for none. */
    LocalDate businessDay(long epochMillis) {
        return epochMillis <= 0 ? null : location.businessDay(Instant.ofEpochMilli(epochMillis));
    }

    /** When business day {@code day} ends at the merchant (RFC 3339, UTC); null for none. */
    String businessDayEnd(LocalDate day) {
        return day == null ? null : location.businessDayEnd(day).toString();
    }

    private static ZoneId zone(String name, CloverConfig config) {
        try {
            if (!name.isEmpty()) {
                return ZoneId.of(name);
            }
        } catch (DateTimeException unknown) {
            // Falls back to the config's, below.
        }
        ZoneId fallback = config.fallbackZone();
        return fallback == null ? ZoneOffset.UTC : fallback;
    }
}
