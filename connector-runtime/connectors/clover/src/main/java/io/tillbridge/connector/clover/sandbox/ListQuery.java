package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a list request asks, the way Clover reads it:
 * <ul>
 *   <li>{@code offset} and {@code limit}: the page; no {@code limit} means the default (100), a larger
 *       one than the maximum (1000) is capped to the maximum rather than refused, and a
 *       {@code limit} below 1 or a negative {@code offset} answers 400;
 *   <li>{@code filter=<field><op><value>}, repeatable, all must hold ({@code >=}, {@code <=},
 *       {@code >}, {@code <}, {@code =}, {@code !=}); numbers compare as numbers. A field the
 *       endpoint does not filter on answers 400;
 *   <li>{@code expand=a,b.c}: which nested lists to include ({@code b.c} implies {@code b}); an
 *       expanded list shows at most 100 elements (Clover does not page nested lists);
 *   <li>{@code orderBy=<field> ASC|DESC}; orders, payments and refunds default to {@code createdTime
 *       DESC};
 *   <li>orders, payments and refunds: without a filter on {@code createdTime}, {@code modifiedTime}
 *       or {@code clientCreatedTime} only the last 90 days ({@code createdTime}) are listed.
 * </ul>
 */
final class ListQuery {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(90);
    private static final Set<String> TIME_FIELDS = Set.of("createdTime", "modifiedTime", "clientCreatedTime");
    private static final Pattern FILTER = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_.]*)\\s*(>=|<=|!=|=|>|<)\\s*(.*)$");

    private record Filter(String field, String op, String value) {

        boolean test(JsonNode node) {
            JsonNode actual = node.at("/" + field.replace('.', '/'));
            if (actual.isMissingNode() || actual.isNull()) {
                return "!=".equals(op);
            }
            int cmp;
            if (actual.isNumber()) {
                try {
                    cmp = Double.compare(actual.asDouble(), Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    throw CloverApiException.badRequest("Invalid filter value for " + field + ": " + value);
                }
            } else {
                cmp = actual.asText().compareTo(value);
            }
            return switch (op) {
                case ">=" -> cmp >= 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                case "<" -> cmp < 0;
                case "=" -> cmp == 0;
                default -> cmp != 0;
            };
        }
    }

    private final int offset;
    private final int limit;
    private final List<Filter> filters = new ArrayList<>();
    private final Set<String> expand = new LinkedHashSet<>();
    private final String orderField;
    private final boolean ascending;

    ListQuery(SandboxRequest request, CloverSandboxOptions options, Set<String> filterable, String defaultOrder) {
        this.offset = request.intParam("offset", 0);
        int asked = request.intParam("limit", options.defaultLimit());
        if (asked < 1 || offset < 0) {
            throw CloverApiException.badRequest("limit must be at least 1 and offset at least 0");
        }
        this.limit = Math.min(asked, options.maxLimit());
        for (String raw : request.params("filter")) {
            Matcher matcher = FILTER.matcher(raw);
            if (!matcher.matches()) {
                throw CloverApiException.badRequest("Invalid filter: " + raw);
            }
            if (!filterable.contains(matcher.group(1))) {
                throw CloverApiException.badRequest("Invalid filter field: " + matcher.group(1));
            }
            filters.add(new Filter(matcher.group(1), matcher.group(2), matcher.group(3).trim()));
        }
        this.expand.addAll(expansions(request));
        String order = request.param("orderBy") != null ? request.param("orderBy") : defaultOrder;
        if (order == null) {
            this.orderField = null;
            this.ascending = true;
        } else {
            String[] parts = order.trim().split("\\s+");
            if (!TIME_FIELDS.contains(parts[0]) && !"id".equals(parts[0])) {
                throw CloverApiException.badRequest("Invalid orderBy field: " + parts[0]);
            }
            this.orderField = parts[0];
            this.ascending = parts.length < 2 || !"DESC".equals(parts[1].toUpperCase(Locale.ROOT));
        }
    }

    /** The request's {@code expand} values, with the parents of dotted paths. */
    static Set<String> expansions(SandboxRequest request) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : request.params("expand")) {
            for (String path : raw.split(",")) {
                String p = path.trim();
                while (!p.isEmpty()) {
                    out.add(p);
                    int dot = p.lastIndexOf('.');
                    p = dot < 0 ? "" : p.substring(0, dot);
                }
            }
        }
        return out;
    }

    Set<String> expand() {
        return expand;
    }

    /**
     * The objects that pass the filters (and the 90-day window when {@code windowed} and no time
     * filter is given), sorted.
     */
    List<ObjectNode> select(Iterable<ObjectNode> all, boolean windowed, Instant now) {
        boolean timeFiltered = filters.stream().anyMatch(f -> TIME_FIELDS.contains(f.field()));
        long windowStart = now.minus(DEFAULT_WINDOW).toEpochMilli();
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode node : all) {
            if (windowed && !timeFiltered && node.path("createdTime").asLong() < windowStart) {
                continue;
            }
            if (filters.stream().allMatch(f -> f.test(node))) {
                out.add(node);
            }
        }
        if (orderField != null) {
            Comparator<ObjectNode> by = "id".equals(orderField)
                    ? Comparator.comparing(n -> n.path("id").asText())
                    : Comparator.<ObjectNode>comparingLong(n -> n.path(orderField).asLong())
                            .thenComparing(n -> n.path("id").asText());
            out.sort(ascending ? by : by.reversed());
        }
        return out;
    }

    /** This request's page of {@code selected}. */
    <T> List<T> page(List<T> selected) {
        if (offset >= selected.size()) {
            return List.of();
        }
        return selected.subList(offset, (int) Math.min(selected.size(), (long) offset + limit));
    }

    /** {@code {"elements": [...], "href": ...}}. */
    ObjectNode envelope(List<ObjectNode> rendered, String href) {
        ArrayNode list = CloverJson.array();
        rendered.forEach(list::add);
        ObjectNode out = CloverJson.elements(list);
        out.put("href", href + "?limit=" + limit + (offset > 0 ? "&offset=" + offset : ""));
        return out;
    }

    /**
     * Removes the nested lists (and objects) of {@code expandable} that the request did not expand,
     * and caps the expanded lists at {@code cap} elements.
     */
    static void trim(ObjectNode node, Set<String> expandable, Set<String> expand, int cap) {
        trim(node, "", expandable, expand, cap);
    }

    private static void trim(ObjectNode node, String prefix, Set<String> expandable, Set<String> expand, int cap) {
        for (String path : expandable) {
            if (!path.startsWith(prefix) || path.indexOf('.', prefix.length()) >= 0) {
                continue;
            }
            String field = path.substring(prefix.length());
            if (!expand.contains(path)) {
                node.remove(field);
                continue;
            }
            JsonNode value = node.get(field);
            if (value == null) {
                continue;
            }
            if (value.get("elements") instanceof ArrayNode list) {
                while (list.size() > cap) {
                    list.remove(list.size() - 1);
                }
                for (JsonNode element : list) {
                    if (element instanceof ObjectNode o) {
                        trim(o, path + ".", expandable, expand, cap);
                    }
                }
            } else if (value instanceof ObjectNode o) {
                trim(o, path + ".", expandable, expand, cap);
            }
        }
    }
}
