package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Where the data's changes go as webhook events, in the order they happen. */
interface SandboxEvents {

    /**
     * One event.
     *
     * @param type the event type ({@code order.updated})
     * @param at when it happened on the sandbox's clock
     * @param dataType {@code data.type} ({@code order_updated}, {@code payment})
     * @param id {@code data.id}, the affected object's id
     * @param object {@code data.object}, a snapshot
     */
    void publish(String type, Instant at, String dataType, String id, ObjectNode object);
}
