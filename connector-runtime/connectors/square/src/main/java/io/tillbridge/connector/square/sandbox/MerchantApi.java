package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v2/locations} ({@code MERCHANT_PROFILE_READ}) and {@code GET /v2/customers}
 * ({@code CUSTOMERS_READ}: {@code limit} 1..100, else 400 {@code VALUE_TOO_LOW} or
 * {@code VALUE_TOO_HIGH}; {@code sort_field} {@code DEFAULT} or {@code CREATED_AT}; {@code sort_order}
 * {@code ASC} by default; {@code count=true} adds the total).
 */
final class MerchantApi {

    private final SandboxData data;
    private final PageCursors cursors;

    MerchantApi(SandboxData data, PageCursors cursors) {
        this.data = data;
        this.cursors = cursors;
    }

    SandboxResponse locations(SandboxRequest request) {
        ObjectNode out = SquareJson.object();
        ArrayNode locations = out.putArray("locations");
        data.locationsLive().forEach(l -> locations.add(l.deepCopy()));
        return SandboxResponse.ok(out);
    }

    SandboxResponse customers(SandboxRequest request) {
        int limit = request.intParam("limit", 100);
        if (limit < 1) {
            throw SquareApiException.badRequest("VALUE_TOO_LOW", "limit must be at least 1", "limit");
        }
        if (limit > 100) {
            throw SquareApiException.badRequest("VALUE_TOO_HIGH", "limit must be at most 100", "limit");
        }
        String sortField = request.param("sort_field") == null ? "DEFAULT" : request.param("sort_field");
        String sortOrder = request.param("sort_order") == null ? "ASC" : request.param("sort_order");
        if (!Set.of("DEFAULT", "CREATED_AT").contains(sortField)) {
            throw SquareApiException.badRequest("INVALID_ENUM_VALUE", "Unknown sort_field " + sortField,
                    "sort_field");
        }
        if (!Set.of("ASC", "DESC").contains(sortOrder)) {
            throw SquareApiException.badRequest("INVALID_SORT_ORDER", "Unknown sort_order " + sortOrder,
                    "sort_order");
        }
        PageCursors.Position position = cursors.start(request, request.param("cursor"), data.now());
        List<ObjectNode> found = data.customersLive();
        Comparator<ObjectNode> order = "CREATED_AT".equals(sortField)
                ? Comparator.comparing(c -> Instant.parse(c.path("created_at").asText()))
                : Comparator.comparing(c -> c.path("given_name").asText() + " " + c.path("family_name").asText());
        order = order.thenComparing(c -> c.path("id").asText());
        found.sort("ASC".equals(sortOrder) ? order : order.reversed());
        ObjectNode out = PageCursors.body("customers", cursors.page(found, position, limit));
        if ("true".equals(request.param("count"))) {
            out.put("count", found.size());
        }
        return SandboxResponse.ok(out);
    }
}
