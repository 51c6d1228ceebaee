package io.tillbridge.isolation;

import io.tillbridge.access.AccessTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Creates a partner account and an API key through the public API, as a partner developer would. */
final class PartnerKeys {

    private PartnerKeys() {
    }

    static String create(Connection c, URI api, HttpClient http, AccessTokens tokens, UUID owner, String name) {
        String token = tokens.forUser(owner, "partner-owner@example.test", Optional.empty()).token();
        String partner = post(http, api.resolve("/api/v1/partners"), token,
                "{\"name\":\"" + name + "\",\"contactEmail\":\"dev@partner.example\"}", "\"id\":\"([^\"]+)\"");
        return post(http, api.resolve("/api/v1/partners/" + partner + "/keys"), token,
                "{\"name\":\"isolation\",\"scopes\":[\"read\",\"write\",\"admin\"]}", "\"key\":\"(tbk_[^\"]+)\"");
    }

    private static String post(HttpClient http, URI uri, String token, String body, String pattern) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = Pattern.compile(pattern).matcher(response.body());
            if (response.statusCode() != 201 || !m.find()) {
                throw new IllegalStateException("POST " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return m.group(1);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
