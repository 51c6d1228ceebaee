package io.tillbridge.connector.spreadsheet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;

/**
 * Where a read of spreadsheet files got to. Uploads: {@code {"file": <sequence>, "rows": <data rows
 * done>, "done": <whether that file is finished>}}. A URL: {@code {"sha256": <the content's hash>,
 * "rows": ..., "done": ...}}, so that unchanged content is not read again and changed content is.
 *
 * @param file the upload's sequence, or null in URL mode
 * @param sha256 the content's hash in URL mode, or null
 * @param rows the file's data rows covered (header and blank rows not counted)
 * @param done whether the whole file is covered
 */
record ReadCheckpoint(Long file, String sha256, long rows, boolean done) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ReadCheckpoint upload(long sequence, long rows, boolean done) {
        return new ReadCheckpoint(sequence, null, rows, done);
    }

    static ReadCheckpoint content(String sha256, long rows, boolean done) {
        return new ReadCheckpoint(null, sha256, rows, done);
    }

    /** The checkpoint's state, or null for a first read. */
    static ReadCheckpoint parse(Checkpoint checkpoint) {
        if (checkpoint == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(checkpoint.value());
            if (node == null || !node.isObject()) {
                throw new JsonProcessingException("not an object") {
                    private static final long serialVersionUID = 1L;
                };
            }
            return new ReadCheckpoint(node.hasNonNull("file") ? node.get("file").asLong() : null,
                    node.hasNonNull("sha256") ? node.get("sha256").asText() : null,
                    node.path("rows").asLong(0), node.path("done").asBoolean(false));
        } catch (JsonProcessingException e) {
            throw new ConnectorException(Category.SYSTEM, "the spreadsheet read's checkpoint cannot be read");
        }
    }

    Checkpoint toCheckpoint() {
        ObjectNode node = JSON.createObjectNode();
        if (file != null) {
            node.put("file", file);
        }
        if (sha256 != null) {
            node.put("sha256", sha256);
        }
        node.put("rows", rows);
        node.put("done", done);
        return new Checkpoint(node.toString());
    }
}
