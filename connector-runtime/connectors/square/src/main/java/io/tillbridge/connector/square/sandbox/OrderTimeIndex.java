package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The stored orders sorted by one of their times ({@code created_at}, {@code updated_at} or
 * {@code closed_at}) and then by id, as SearchOrders sorts them, so that a search reads only the
 * orders of its page instead of parsing and sorting every order of the merchant for each page.
 * Built again when the orders changed ({@link SandboxData#orderChanges()}); orders without the time
 * are left out. Used while holding the data's lock.
 */
final class OrderTimeIndex {

    private record Entry(Instant time, String id, SandboxData.Stored stored) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::time).thenComparing(Entry::id);

    private final SandboxData data;
    private final String field;
    private long builtAt = -1;
    private List<Entry> entries = List.of();

    OrderTimeIndex(SandboxData data, String field) {
        this.data = data;
        this.field = field;
    }

    /**
     * The orders visible at {@code now} with the time within {@code start..end} (inclusive) that
     * {@code filter} keeps, in ascending (or descending) order of time and id, at most {@code max}.
     */
    List<ObjectNode> find(Instant start, Instant end, boolean ascending, Instant now, Predicate<ObjectNode> filter,
            int max) {
        List<Entry> sorted = entries();
        List<ObjectNode> out = new ArrayList<>();
        if (ascending) {
            for (int i = firstAtOrAfter(sorted, start); i < sorted.size() && out.size() < max; i++) {
                Entry e = sorted.get(i);
                if (e.time().isAfter(end)) {
                    break;
                }
                keep(e, now, filter, out);
            }
        } else {
            for (int i = firstAfter(sorted, end) - 1; i >= 0 && out.size() < max; i--) {
                Entry e = sorted.get(i);
                if (e.time().isBefore(start)) {
                    break;
                }
                keep(e, now, filter, out);
            }
        }
        return out;
    }

    private static void keep(Entry e, Instant now, Predicate<ObjectNode> filter, List<ObjectNode> out) {
        if (!e.stored().visibleAt().isAfter(now) && filter.test(e.stored().node())) {
            out.add(e.stored().node());
        }
    }

    private List<Entry> entries() {
        long changes = data.orderChanges();
        if (changes != builtAt) {
            List<Entry> built = new ArrayList<>();
            for (SandboxData.Stored s : data.allOrders()) {
                ObjectNode o = s.node();
                if (o.hasNonNull(field)) {
                    built.add(new Entry(Instant.parse(o.path(field).asText()), o.path("id").asText(), s));
                }
            }
            built.sort(ORDER);
            entries = built;
            builtAt = changes;
        }
        return entries;
    }

    /** The index of the first entry at or after {@code time}. */
    private static int firstAtOrAfter(List<Entry> sorted, Instant time) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted.get(mid).time().isBefore(time)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The index of the first entry after {@code time}. */
    private static int firstAfter(List<Entry> sorted, Instant time) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (!sorted.get(mid).time().isAfter(time)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
