package io.tillbridge.connector.spi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * {@link ConnectionFiles} in this instance's memory, for tests and use without a platform: uploads
 * are byte arrays, output rows are maps.
 */
public final class InMemoryConnectionFiles implements ConnectionFiles {

    private final List<UploadedFile> uploads = new ArrayList<>();
    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    private final Map<String, Set<String>> columns = new LinkedHashMap<>();
    /** object -> file -> key -> values. */
    private final Map<String, Map<String, Map<String, Map<String, Object>>>> outputs = new LinkedHashMap<>();

    /** Adds an uploaded file; returns it. */
    public synchronized UploadedFile upload(String name, byte[] bytes) {
        String id = UUID.randomUUID().toString();
        UploadedFile file = new UploadedFile(uploads.size() + 1L, id, name, bytes.length, sha256(bytes), Instant.now());
        uploads.add(file);
        contents.put(id, bytes.clone());
        return file;
    }

    /** {@link #upload(String, byte[])} of UTF-8 text. */
    public UploadedFile upload(String name, String text) {
        return upload(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized List<UploadedFile> uploadedAfter(long afterSequence, int limit) {
        return uploads.stream().filter(f -> f.sequence() > afterSequence).limit(limit).toList();
    }

    @Override
    public synchronized InputStream open(UploadedFile file) throws IOException {
        byte[] bytes = contents.get(file.id());
        if (bytes == null) {
            throw new IOException("no such file: " + file.id());
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public synchronized Map<String, Boolean> putRows(String object, List<OutputRow> rows) {
        Map<String, Boolean> changed = new LinkedHashMap<>();
        Set<String> known = columns.computeIfAbsent(object, o -> new LinkedHashSet<>());
        for (OutputRow row : rows) {
            known.addAll(row.values().keySet());
            Map<String, Map<String, Object>> file = outputs.computeIfAbsent(object, o -> new LinkedHashMap<>())
                    .computeIfAbsent(row.file(), f -> new LinkedHashMap<>());
            Map<String, Object> before = file.put(row.key(), new LinkedHashMap<>(row.values()));
            changed.put(row.key(), !Objects.equals(before, row.values()));
        }
        return changed;
    }

    @Override
    public synchronized Map<String, Map<String, Object>> rows(String object, Collection<String> keys) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        outputs.getOrDefault(object, Map.of()).values().forEach(file -> keys.forEach(k -> {
            Map<String, Object> values = file.get(k);
            if (values != null) {
                found.put(k, values);
            }
        }));
        return found;
    }

    /** The columns of an object in their order. */
    public synchronized List<String> columns(String object) {
        return List.copyOf(columns.getOrDefault(object, Set.of()));
    }

    /** The files of an object: file name -> key -> values, in insertion order. */
    public synchronized Map<String, Map<String, Map<String, Object>>> files(String object) {
        return outputs.getOrDefault(object, Map.of());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
