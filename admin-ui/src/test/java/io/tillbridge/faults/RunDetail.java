package io.tillbridge.faults;

import java.util.List;
import java.util.Map;

/** A run as {@code GET /api/v1/tenants/{tenantId}/runs/{runId}} shows it. */
record RunDetail(Map<String, Object> json) {

    /** One run event: kind, attempt (null for events of no attempt) and detail. */
    record Event(String kind, Integer attempt, String detail) {
    }

    String status() {
        return (String) json.get("status");
    }

    int attempt() {
        return ((Number) json.get("attempt")).intValue();
    }

    String error() {
        return (String) json.get("error");
    }

    long read() {
        return count("read");
    }

    long written() {
        return count("written");
    }

    long unchanged() {
        return count("unchanged");
    }

    long failed() {
        return count("failed");
    }

    private long count(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> counts = (Map<String, Object>) json.get("counts");
        return ((Number) counts.get(name)).longValue();
    }

    @SuppressWarnings("unchecked")
    List<Event> events() {
        List<Map<String, Object>> events = (List<Map<String, Object>>) json.getOrDefault("events", List.of());
        return events.stream().map(e -> new Event((String) e.get("kind"),
                e.get("attempt") == null ? null : ((Number) e.get("attempt")).intValue(),
                (String) e.get("detail"))).toList();
    }

    List<Event> events(String kind) {
        return events().stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
