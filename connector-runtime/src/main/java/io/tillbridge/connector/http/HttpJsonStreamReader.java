package io.tillbridge.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.http.HttpJsonSourceConfig.Pagination;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.JsonValues;
import io.tillbridge.connector.rest.LinkHeader;
import io.tillbridge.connector.rest.MalformedResponseException;
import io.tillbridge.connector.rest.PagedStreamReader;
import io.tillbridge.connector.rest.ReadState;
import io.tillbridge.connector.rest.RequestAuth;
import io.tillbridge.connector.rest.UriQuery;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the pages of an HTTP JSON API as its config describes them. */
final class HttpJsonStreamReader extends PagedStreamReader {

    private final HttpJsonSourceConfig config;
    private final JsonHttpClient client;
    private final RequestAuth auth;

    HttpJsonStreamReader(HttpJsonSourceConfig config, JsonHttpClient client, RequestAuth auth) {
        this.config = config;
        this.client = client;
        this.auth = auth;
    }

    @Override
    protected Page fetch(String position, ReadState state) {
        return client.get(pageUri(position, state), headers(config), auth, response -> {
            List<JsonNode> records = records(response.body(), config.recordsPointer());
            return new Page(records, next(position, response, records));
        });
    }

    @Override
    protected String key(JsonNode record) {
        return JsonValues.text(record.at(config.idPointer()));
    }

    @Override
    protected String cursor(JsonNode record) {
        return config.updatedAtPointer().isEmpty() ? "" : JsonValues.text(record.at(config.updatedAtPointer()));
    }

    /** The first page's records, for check and discover: one request, no paging. */
    List<JsonNode> firstPage() {
        return client.get(pageUri(null, ReadState.from(null)), headers(config), auth,
                response -> records(response.body(), config.recordsPointer()));
    }

    private URI pageUri(String position, ReadState state) {
        if (config.pagination() == Pagination.LINK_HEADER && position != null) {
            // The next link already carries every parameter, opaque (Shopify: "page_info must be used as given").
            return config.url().resolve(position);
        }
        URI uri = config.url();
        if (!config.updatedSinceParam().isEmpty() && state.since() != null) {
            uri = UriQuery.with(uri, config.updatedSinceParam(), state.since());
        }
        if (config.pagination() == Pagination.PAGE_NUMBER) {
            uri = UriQuery.with(uri, config.pageParam(), position == null ? String.valueOf(config.firstPage()) : position);
        } else if (config.pagination() == Pagination.CURSOR && position != null) {
            uri = UriQuery.with(uri, config.cursorParam(), position);
        }
        return uri;
    }

    private String next(String position, JsonHttpClient.Response response, List<JsonNode> records) {
        return switch (config.pagination()) {
            case NONE -> null;
            case CURSOR -> {
                String cursor = JsonValues.text(response.body().at(config.cursorPointer()));
                yield cursor.isEmpty() ? null : cursor;
            }
            case PAGE_NUMBER -> records.isEmpty() ? null
                    : String.valueOf((position == null ? config.firstPage() : Integer.parseInt(position)) + 1);
            case LINK_HEADER -> LinkHeader.find(response.headers(), "next").orElse(null);
        };
    }

    /** The records array of a page; a page without one is malformed (retried), never the end of data. */
    static List<JsonNode> records(JsonNode page, String pointer) {
        JsonNode array = page.at(pointer);
        if (!array.isArray()) {
            throw new MalformedResponseException("no array of records at '" + pointer + "'");
        }
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode record : array) {
            if (!record.isObject()) {
                throw new MalformedResponseException("a record is not a JSON object");
            }
            records.add(record);
        }
        return records;
    }

    static Map<String, String> headers(HttpJsonSourceConfig config) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (config.bearerToken() != null && !config.bearerToken().isBlank()) {
            headers.put("Authorization", "Bearer " + config.bearerToken());
        }
        if (config.authHeaderName() != null && !config.authHeaderName().isBlank()) {
            headers.put(config.authHeaderName(), config.authHeaderValue());
        }
        return headers;
    }
}
