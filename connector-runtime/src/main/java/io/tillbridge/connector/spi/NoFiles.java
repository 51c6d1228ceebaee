package io.tillbridge.connector.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** {@link ConnectionFiles#none()}: a context without file storage. */
enum NoFiles implements ConnectionFiles {
    INSTANCE;

    private static ConnectorException unavailable() {
        return new ConnectorException(ConnectorException.Category.CONFIG,
                "this connector needs the platform's file storage, which this context does not offer");
    }

    @Override
    public List<UploadedFile> uploadedAfter(long afterSequence, int limit) {
        throw unavailable();
    }

    @Override
    public InputStream open(UploadedFile file) throws IOException {
        throw unavailable();
    }

    @Override
    public Map<String, Boolean> putRows(String object, List<OutputRow> rows) {
        throw unavailable();
    }

    @Override
    public Map<String, Map<String, Object>> rows(String object, Collection<String> keys) {
        throw unavailable();
    }
}
