package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code GET /v2/payments} ({@code ListPayments}, scope {@code PAYMENTS_READ}) and
 * {@code GET /v2/refunds} ({@code ListPaymentRefunds}), as the spec describes their parameters:
 * {@code begin_time} (inclusive, default a year ago) and {@code end_time} (default now) on
 * {@code created_at}; {@code updated_at_begin_time} and {@code updated_at_end_time}; {@code sort_order}
 * (default {@code DESC}) by {@code sort_field} ({@code CREATED_AT} by default, or {@code UPDATED_AT});
 * {@code limit} at most 100, a larger one is ignored. Without {@code location_id} payments are those
 * of the main location (the first) and refunds those of every location, as the spec says.
 */
final class PaymentsApi {

    private final SandboxData data;
    private final PageCursors cursors;
    private final SquareSandboxOptions options;

    PaymentsApi(SandboxData data, PageCursors cursors, SquareSandboxOptions options) {
        this.data = data;
        this.cursors = cursors;
        this.options = options;
    }

    SandboxResponse payments(SandboxRequest request) {
        String location = request.param("location_id") != null ? request.param("location_id")
                : data.locationsLive().get(0).path("id").asText();
        String brand = request.param("card_brand");
        String last4 = request.param("last_4");
        String total = request.param("total");
        Predicate<ObjectNode> extra = p -> location.equals(p.path("location_id").asText())
                && (brand == null || brand.equals(p.path("card_details").path("card").path("card_brand").asText()))
                && (last4 == null || last4.equals(p.path("card_details").path("card").path("last_4").asText()))
                && (total == null || total.equals(p.path("total_money").path("amount").asText()));
        return list(request, "payments", extra, true);
    }

    SandboxResponse refunds(SandboxRequest request) {
        String location = request.param("location_id");
        String status = request.param("status");
        String sourceType = request.param("source_type");
        Predicate<ObjectNode> extra = r -> (location == null || location.equals(r.path("location_id").asText()))
                && (status == null || status.equals(r.path("status").asText()))
                && (sourceType == null || sourceType.equals(sourceType(r)));
        return list(request, "refunds", extra, false);
    }

    private String sourceType(ObjectNode refund) {
        SandboxData.Stored payment = data.storedPayment(refund.path("payment_id").asText());
        return payment == null ? null : payment.node().path("source_type").asText();
    }

    private SandboxResponse list(SandboxRequest request, String name, Predicate<ObjectNode> extra,
            boolean payments) {
        PageCursors.Position position = cursors.start(request, request.param("cursor"), data.now());
        Instant now = position.asOf();
        Instant begin = time(request, "begin_time", now.minus(365, ChronoUnit.DAYS));
        Instant end = time(request, "end_time", now);
        Instant updatedBegin = time(request, "updated_at_begin_time", Instant.MIN);
        Instant updatedEnd = time(request, "updated_at_end_time", Instant.MAX);
        if (end.isBefore(begin)) {
            throw SquareApiException.badRequest("INVALID_TIME_RANGE", "end_time is before begin_time", "end_time");
        }
        String sortOrder = request.param("sort_order") == null ? "DESC" : request.param("sort_order");
        if (!Set.of("ASC", "DESC").contains(sortOrder)) {
            throw SquareApiException.badRequest("INVALID_SORT_ORDER", "Unknown sort_order " + sortOrder,
                    "sort_order");
        }
        String sortField = request.param("sort_field") == null ? "CREATED_AT" : request.param("sort_field");
        if (!Set.of("CREATED_AT", "UPDATED_AT").contains(sortField)) {
            throw SquareApiException.badRequest("INVALID_ENUM_VALUE", "Unknown sort_field " + sortField,
                    "sort_field");
        }
        int limit = request.intParam("limit", options.listMaxLimit());
        if (limit < 1 || limit > options.listMaxLimit()) {
            limit = options.listMaxLimit();
        }
        Predicate<ObjectNode> filter = o -> {
            Instant created = Instant.parse(o.path("created_at").asText());
            Instant updated = Instant.parse(o.path("updated_at").asText());
            return !created.isBefore(begin) && created.isBefore(end) && !updated.isBefore(updatedBegin)
                    && !updated.isAfter(updatedEnd) && extra.test(o);
        };
        List<ObjectNode> found = payments ? data.visiblePayments(filter) : data.visibleRefunds(filter);
        String field = sortField.toLowerCase();
        Comparator<ObjectNode> order = Comparator.<ObjectNode, Instant>comparing(
                o -> Instant.parse(o.path(field).asText())).thenComparing(o -> o.path("id").asText());
        found.sort("ASC".equals(sortOrder) ? order : order.reversed());
        return SandboxResponse.ok(PageCursors.body(name, cursors.page(found, position, limit)));
    }

    private static Instant time(SandboxRequest request, String name, Instant fallback) {
        String value = request.param(name);
        return value == null ? fallback : SquareJson.instant(value, name);
    }
}
