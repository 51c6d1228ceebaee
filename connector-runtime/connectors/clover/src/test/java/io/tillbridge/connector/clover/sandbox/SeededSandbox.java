package io.tillbridge.connector.clover.sandbox;

/** A started sandbox, its first merchant's id and a client with a token for that merchant. */
record SeededSandbox(CloverSandbox sandbox, String mId, CloverClient client) implements AutoCloseable {

    static SeededSandbox start(CloverSandboxOptions options) {
        CloverSandbox sandbox = CloverSandbox.start(options);
        String mId = sandbox.merchantIds().get(0);
        return new SeededSandbox(sandbox, mId, new CloverClient(sandbox, sandbox.issueToken(mId)));
    }

    /** {@code GET /v3/merchants/{mId}<path>} of the first merchant. */
    CloverClient.Response get(String path, String... query) {
        return client.get(mId, path, query);
    }

    /** Every element of the first merchant's list, page by page. */
    java.util.List<com.fasterxml.jackson.databind.JsonNode> all(String path, int limit, String... query) {
        return client.all(mId, path, limit, new java.util.ArrayList<>(), query);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
