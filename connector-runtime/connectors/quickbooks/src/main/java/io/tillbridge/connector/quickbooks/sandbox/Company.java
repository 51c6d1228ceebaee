package io.tillbridge.connector.quickbooks.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One QuickBooks company (a realm): its entities by name and id, in creation order. Ids are numeric
 * strings from one counter, as Intuit's are; every entity has {@code SyncToken} (a string counter),
 * {@code domain}, {@code sparse} and {@code MetaData{CreateTime, LastUpdatedTime}}. Not thread-safe:
 * the sandbox serves each request while it holds the company's lock.
 */
final class Company {

    final String realmId;
    private final Map<String, Map<String, ObjectNode>> entities = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private long nextId = 1;

    Company(String realmId) {
        this.realmId = realmId;
    }

    /** Stores a new entity with the next id and SyncToken 0; returns it. */
    ObjectNode add(String entity, ObjectNode node, Instant at) {
        return put(entity, Long.toString(nextId++), node, at);
    }

    /** Stores an entity under a fixed id (tax codes {@code TAX} and {@code NON}). */
    ObjectNode put(String entity, String id, ObjectNode node, Instant at) {
        node.put("Id", id);
        node.put("SyncToken", "0");
        node.put("domain", "QBO");
        node.put("sparse", false);
        ObjectNode meta = node.putObject("MetaData");
        meta.put("CreateTime", QuickBooksJson.time(at));
        meta.put("LastUpdatedTime", QuickBooksJson.time(at));
        entities.computeIfAbsent(entity, k -> new LinkedHashMap<>()).put(id, node);
        return node;
    }

    /** Replaces an entity's fields, keeping its id and creation time and counting its SyncToken up. */
    ObjectNode replace(String entity, ObjectNode current, ObjectNode next, Instant at) {
        String id = current.path("Id").asText();
        next.put("Id", id);
        next.put("SyncToken", Long.toString(current.path("SyncToken").asLong() + 1));
        next.put("domain", "QBO");
        next.put("sparse", false);
        ObjectNode meta = next.putObject("MetaData");
        meta.put("CreateTime", current.path("MetaData").path("CreateTime").asText());
        meta.put("LastUpdatedTime", QuickBooksJson.time(at));
        entities.get(entity).put(id, next);
        return next;
    }

    /** Removes an entity, as a delete in QuickBooks' own screens does; false when there is none. */
    boolean remove(String entity, String id) {
        Map<String, ObjectNode> byId = entities.get(entity);
        return byId != null && id != null && byId.remove(id) != null;
    }

    ObjectNode get(String entity, String id) {
        Map<String, ObjectNode> byId = entities.get(entity);
        return byId == null || id == null ? null : byId.get(id);
    }

    /** Every entity of this name, in creation order. */
    List<ObjectNode> all(String entity) {
        Map<String, ObjectNode> byId = entities.get(entity);
        return byId == null ? List.of() : new ArrayList<>(byId.values());
    }

    /** The entity name as the sandbox stores it ({@code journalentry} gives {@code JournalEntry}); null if unknown. */
    static String canonical(String name) {
        for (String known : QuickBooksSandbox.ENTITIES) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        return null;
    }
}
