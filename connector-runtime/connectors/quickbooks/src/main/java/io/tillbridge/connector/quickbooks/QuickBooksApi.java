package io.tillbridge.connector.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.RequestAuth;
import io.tillbridge.connector.rest.UriQuery;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Accounting API v3 as the connector calls it (vendor-apis.md, QuickBooks Online):
 * {@code /v3/company/{realmId}/...} with {@code ?minorversion=75} on every request (1 to 74 were
 * discontinued from 2025-08-01), bearer auth, queries in Intuit's query language paged with
 * {@code STARTPOSITION}/{@code MAXRESULTS}, and Intuit's fault envelope read into messages
 * ({@code QuickBooks fault <code>: <Message>: <Detail>}). Reads go through a client that retries;
 * creates and updates through one that does not, so that {@link DocumentWrites} decides what to do
 * when a write's outcome is unknown.
 */
final class QuickBooksApi {

    /** The minor version the connector is written against. */
    static final String MINOR_VERSION = "75";

    static final ObjectMapper JSON = new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final Pattern FAULT = Pattern.compile("QuickBooks fault (\\d+): (.*)", Pattern.DOTALL);

    /** A validation fault: the document was refused, and repeating it would be refused again. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;

        Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private final URI base;
    private final String realmId;
    private final JsonHttpClient reads;
    private final JsonHttpClient writes;
    private final RequestAuth auth;

    QuickBooksApi(URI base, String realmId, JsonHttpClient reads, JsonHttpClient writes, RequestAuth auth) {
        this.base = base;
        this.realmId = realmId;
        this.reads = reads;
        this.writes = writes;
        this.auth = auth;
    }

    JsonNode companyInfo() {
        return get("companyinfo/" + realmId, Map.of()).path("CompanyInfo");
    }

    /** One page of a query: {@code SELECT * FROM entity [WHERE ...] STARTPOSITION start MAXRESULTS max}. */
    List<JsonNode> query(String entity, String where, int start, int max) {
        String statement = "SELECT * FROM " + entity + (where == null ? "" : " WHERE " + where)
                + " STARTPOSITION " + start + " MAXRESULTS " + max;
        JsonNode answer = get("query", Map.of("query", statement));
        JsonNode response = answer.path("QueryResponse");
        if (!response.isObject()) {
            throw new ConnectorException(Category.SYSTEM, "QuickBooks answered a query without QueryResponse");
        }
        List<JsonNode> out = new ArrayList<>();
        response.path(entity).forEach(out::add);
        if (out.size() > max) {
            throw new ConnectorException(Category.SYSTEM, "QuickBooks answered more than MAXRESULTS " + max);
        }
        return out;
    }

    /** Every match of a query, page after page. */
    List<JsonNode> queryAll(String entity, String where, int pageSize) {
        List<JsonNode> all = new ArrayList<>();
        for (int start = 1; ; start += pageSize) {
            List<JsonNode> page = query(entity, where, start, pageSize);
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            if (all.size() > 100_000) {
                throw new ConnectorException(Category.SYSTEM, "more than 100000 " + entity + " match " + where);
            }
        }
    }

    /** {@code WHERE DocNumber = 'number'}: the documents with exactly this number. */
    List<JsonNode> byDocNumber(String entity, String number, int pageSize) {
        return queryAll(entity, "DocNumber = " + quote(number), pageSize);
    }

    /** {@code WHERE DocNumber LIKE 'prefix%'}. */
    List<JsonNode> byDocNumberPrefix(String entity, String prefix, int pageSize) {
        return queryAll(entity, "DocNumber LIKE " + quote(prefix + "%"), pageSize);
    }

    JsonNode read(String entity, String id) {
        return get(entity.toLowerCase(java.util.Locale.ROOT) + "/" + id, Map.of()).path(entity);
    }

    /**
     * POSTs a create or an update once, with {@code requestid}; answers the stored document.
     *
     * @throws Refused for a validation fault (400 with Intuit's envelope)
     * @throws ConnectorException for everything else, as the client reports it
     */
    JsonNode save(String entity, ObjectNode body, String requestId) {
        URI uri = uri(entity.toLowerCase(java.util.Locale.ROOT), Map.of("requestid", requestId));
        try {
            return writes.post(uri, body, Map.of(), auth, JsonHttpClient.Response::body).path(entity);
        } catch (ConnectorException e) {
            Matcher m = e.getMessage() == null ? null : FAULT.matcher(e.getMessage());
            if (e.category() == Category.CONFIG && m != null && m.find()) {
                throw new Refused(m.group(1), m.group(2));
            }
            throw e;
        }
    }

    private JsonNode get(String path, Map<String, String> query) {
        return reads.get(uri(path, query), Map.of(), auth, JsonHttpClient.Response::body);
    }

    private URI uri(String path, Map<String, String> query) {
        URI uri = base.resolve("/v3/company/" + realmId + "/" + path);
        for (Map.Entry<String, String> e : query.entrySet()) {
            uri = UriQuery.with(uri, e.getKey(), e.getValue());
        }
        return UriQuery.with(uri, "minorversion", MINOR_VERSION);
    }

    /** A quoted value of the query language: {@code '} escaped as {@code \'}. */
    static String quote(String value) {
        return "'" + value.replace("\\", "").replace("'", "\\'") + "'";
    }

    /** A fixed access token: a 401 is final. */
    static RequestAuth bearer(String token) {
        return new RequestAuth() {
            @Override
            public Map<String, String> headers() {
                return Map.of("Authorization", "Bearer " + token);
            }

            @Override
            public boolean renew() {
                return false;
            }
        };
    }

    /**
     * Intuit's fault envelope as a sentence: {@code QuickBooks fault 6000: <Message>: <Detail>
     * (element X)}, the first error only; an OAuth error body as its {@code error}; empty otherwise.
     */
    static String describe(JsonNode body) {
        if (body == null) {
            return "";
        }
        JsonNode error = body.path("Fault").path("Error").path(0);
        if (error.isObject()) {
            StringBuilder text = new StringBuilder("QuickBooks fault ").append(clip(error.path("code").asText("?")))
                    .append(": ").append(clip(error.path("Message").asText("")));
            if (error.hasNonNull("Detail")) {
                text.append(": ").append(clip(error.path("Detail").asText()));
            }
            if (error.hasNonNull("element") && !error.path("element").asText().isEmpty()) {
                text.append(" (element ").append(clip(error.path("element").asText())).append(')');
            }
            return text.toString();
        }
        return body.path("error").isTextual() ? clip(body.path("error").asText()) : "";
    }

    private static String clip(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
