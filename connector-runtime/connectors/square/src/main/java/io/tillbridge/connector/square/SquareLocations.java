package io.tillbridge.connector.square;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.pos.PosLocation;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merchant's locations a connection reads ({@code ListLocations}, all of them or those the
 * config names), with what the canonical records need of them: the time zone
 * ({@code Location.timezone}) and the close-out of the business day (Square has none, so the
 * config's, midnight by default), and the currency.
 */
final class SquareLocations {

    private final Map<String, JsonNode> nodes = new LinkedHashMap<>();
    private final Map<String, PosLocation> canonical = new LinkedHashMap<>();

    private SquareLocations(List<JsonNode> locations, LocalTime closeOut) {
        for (JsonNode l : locations) {
            String id = l.path("id").asText();
            nodes.put(id, l);
            canonical.put(id, new PosLocation(id, "square", l.path("name").asText(null), zone(l), closeOut,
                    l.path("currency").asText(null), l.path("country").asText(null),
                    "ACTIVE".equals(l.path("status").asText())));
        }
    }

    /** Lists the locations; a configured id the merchant does not have fails CONFIG. */
    static SquareLocations load(SquareApi api, SquareConfig config) {
        JsonNode answer = api.get("/v2/locations", Map.of());
        List<JsonNode> all = new ArrayList<>();
        answer.path("locations").forEach(all::add);
        List<String> wanted = config.locations();
        if (wanted.isEmpty()) {
            return new SquareLocations(all, config.closeOutTime());
        }
        List<JsonNode> chosen = new ArrayList<>();
        for (String id : wanted) {
            JsonNode found = all.stream().filter(l -> id.equals(l.path("id").asText())).findFirst()
                    .orElseThrow(() -> new ConnectorException(Category.CONFIG, "location " + id
                            + " is not one of the merchant's locations"));
            chosen.add(found);
        }
        return new SquareLocations(chosen, config.closeOutTime());
    }

    List<String> ids() {
        return List.copyOf(nodes.keySet());
    }

    List<JsonNode> nodes() {
        return List.copyOf(nodes.values());
    }

    PosLocation canonical(String id) {
        return canonical.get(id);
    }

    /** The location's currency; the first location's for an unknown id. */
    String currency(String id) {
        JsonNode l = nodes.containsKey(id) ? nodes.get(id) : nodes.values().stream().findFirst().orElse(null);
        return l == null ? "USD" : l.path("currency").asText("USD");
    }

    /** The business day of {@code at} at the location; by UTC midnight for a location not read. */
    LocalDate businessDay(String locationId, String at) {
        if (at == null || at.isEmpty()) {
            return null;
        }
        PosLocation location = canonical.get(locationId);
        java.time.Instant instant = WindowedReader.instant(at);
        return location == null ? LocalDate.ofInstant(instant, ZoneOffset.UTC) : location.businessDay(instant);
    }

    /**
     * When business day {@code day} ends at the location (RFC 3339, UTC); the next UTC midnight for a
     * location not read, as {@link #businessDay} counts its days; null without a day.
     */
    String businessDayEnd(String locationId, LocalDate day) {
        if (day == null) {
            return null;
        }
        PosLocation location = canonical.get(locationId);
        return (location == null ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                : location.businessDayEnd(day)).toString();
    }

    private static ZoneId zone(JsonNode location) {
        try {
            return ZoneId.of(location.path("timezone").asText("UTC"));
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }
}
