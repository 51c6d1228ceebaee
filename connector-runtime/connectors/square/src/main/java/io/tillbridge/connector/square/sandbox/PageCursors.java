package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Square's pagination: an opaque {@code cursor} while more results exist and none on the last page.
 * A cursor belongs to the request that produced it: sent with a different body or query (the
 * cursor aside) it answers 400 {@code INVALID_CURSOR}.
 */
final class PageCursors {

    /** Where a cursor continues: the request it belongs to, the next offset, the first request's time. */
    record Position(String fingerprint, int offset, Instant asOf) {
    }

    /** One page and the cursor for the next, null on the last page. */
    record Page<T>(List<T> items, String cursor) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Position> cursors = new ConcurrentHashMap<>();

    /** The position of the request's cursor, or a first page at {@code now} when it has none. */
    Position start(SandboxRequest request, String cursor, Instant now) {
        if (cursor == null || cursor.isEmpty()) {
            return new Position(request.fingerprint(), 0, now);
        }
        Position p = cursors.get(cursor);
        if (p == null || !p.fingerprint().equals(request.fingerprint())) {
            throw SquareApiException.badRequest("INVALID_CURSOR",
                    p == null ? "The cursor is not valid" : "The cursor belongs to a different request", "cursor");
        }
        return p;
    }

    /** The answer of a list endpoint: copies of the page's objects under {@code field}, and the cursor. */
    static ObjectNode body(String field, Page<ObjectNode> page) {
        ObjectNode out = SquareJson.object();
        ArrayNode items = out.putArray(field);
        page.items().forEach(o -> items.add(o.deepCopy()));
        if (page.cursor() != null) {
            out.put("cursor", page.cursor());
        }
        return out;
    }

    <T> Page<T> page(List<T> sorted, Position at, int size) {
        int from = Math.min(at.offset(), sorted.size());
        int to = Math.min(from + size, sorted.size());
        String next = null;
        if (to < sorted.size()) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            next = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            cursors.put(next, new Position(at.fingerprint(), to, at.asOf()));
        }
        return new Page<>(sorted.subList(from, to), next);
    }
}
