package io.tillbridge.connector.shopify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopifySandboxOAuthIT {

    private static ShopifySandbox shopify;

    @BeforeAll
    static void start() {
        shopify = ShopifySandbox.start(SandboxFixture.options());
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    private ShopifyClient anonymous() {
        return new ShopifyClient(shopify.baseUri(), null);
    }

    private Map<String, String> authorize(String state) {
        String url = shopify.baseUri() + "/admin/oauth/authorize?client_id=" + shopify.options().clientId()
                + "&scope=read_orders,write_inventory&redirect_uri=http://127.0.0.1:1/callback&state=" + state;
        ShopifyClient.Answer answer = anonymous().send(HttpRequest.newBuilder(URI.create(url)).GET());
        assertThat(answer.status()).isEqualTo(302);
        URI location = URI.create(answer.header("Location"));
        assertThat(location.getPath()).isEqualTo("/callback");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static String expectedHmac(Map<String, String> query, String secret) throws Exception {
        Map<String, String> rest = new TreeMap<>(query);
        rest.remove("hmac");
        StringBuilder message = new StringBuilder();
        rest.forEach((k, v) -> message.append(message.isEmpty() ? "" : "&").append(k).append('=').append(v));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private ShopifyClient.Answer exchange(String code, String secret) {
        return anonymous().send(HttpRequest.newBuilder(URI.create(shopify.baseUri() + "/admin/oauth/access_token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + shopify.options().clientId()
                        + "\",\"client_secret\":\"" + secret + "\",\"code\":\"" + code + "\"}")));
    }

    @Test
    void authorize_redirects_with_code_shop_state_timestamp_and_a_verifiable_hmac() throws Exception {
        Map<String, String> query = authorize("nonce-1");

        assertThat(query).containsKeys("code", "shop", "state", "timestamp", "host", "hmac");
        assertThat(query.get("shop")).isEqualTo("tillbridge-demo.myshopify.com");
        assertThat(query.get("state")).isEqualTo("nonce-1");
        assertThat(query.get("timestamp")).isEqualTo(Long.toString(SandboxFixture.START.getEpochSecond()));
        assertThat(query.get("hmac")).isEqualTo(expectedHmac(query, shopify.options().clientSecret()));
        assertThat(query.get("hmac")).isNotEqualTo(expectedHmac(query, "another-secret"));
    }

    @Test
    void the_code_buys_an_offline_token_with_the_granted_scopes_that_reads_the_api() {
        Map<String, String> query = authorize("nonce-2");

        ShopifyClient.Answer token = exchange(query.get("code"), shopify.options().clientSecret());

        assertThat(token.status()).isEqualTo(200);
        assertThat(token.body().path("scope").asText()).isEqualTo("read_orders,write_inventory");
        String accessToken = token.body().path("access_token").asText();
        assertThat(accessToken).startsWith("shpat_");
        ShopifyClient client = new ShopifyClient(shopify.baseUri(), accessToken);
        assertThat(client.get("orders.json?status=any&limit=1").status()).isEqualTo(200);
        assertThat(client.get("inventory_levels.json?location_ids="
                + shopify.shop().locations().get(0).path("id").asLong()).status()).isEqualTo(200);
        ShopifyClient.Answer notGranted = client.get("customers.json");
        assertThat(notGranted.status()).isEqualTo(403);
        assertThat(notGranted.body().path("errors").asText()).contains("read_customers");
    }

    @Test
    void a_code_is_good_once() {
        String code = authorize("nonce-3").get("code");
        assertThat(exchange(code, shopify.options().clientSecret()).status()).isEqualTo(200);

        ShopifyClient.Answer again = exchange(code, shopify.options().clientSecret());

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void a_wrong_client_secret_gets_no_token() {
        String code = authorize("nonce-4").get("code");

        ShopifyClient.Answer answer = exchange(code, "not-the-secret");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void a_request_without_a_valid_token_answers_401_with_shopifys_message() {
        ShopifyClient.Answer none = anonymous().get("orders.json");
        ShopifyClient.Answer wrong = new ShopifyClient(shopify.baseUri(), "shpat_unknown").get("orders.json");

        for (ShopifyClient.Answer answer : new ShopifyClient.Answer[] {none, wrong}) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body().path("errors").asText())
                    .isEqualTo("[API] Invalid API key or access token (unrecognized login or wrong password)");
        }
    }
}
