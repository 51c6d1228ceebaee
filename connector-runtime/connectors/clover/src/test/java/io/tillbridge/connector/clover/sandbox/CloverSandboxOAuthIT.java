package io.tillbridge.connector.clover.sandbox;

import io.tillbridge.connector.sandbox.UrlEncoded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloverSandboxOAuthIT {

    private final CloverSandbox sandbox = CloverSandbox.start(SandboxFixture.options()
            .withMerchants(CloverMerchant.US_NEW_YORK, CloverMerchant.US_LOS_ANGELES).withOrders(20));
    private final CloverClient anonymous = new CloverClient(sandbox, null);
    private final CloverSandboxOptions options = sandbox.options();

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void authorize_redirects_with_a_code_the_merchant_and_the_state() {
        Map<String, String> redirect = authorize(null);

        assertThat(redirect).containsEntry("merchant_id", sandbox.merchantIds().get(0)).containsEntry("state", "s-1");
        assertThat(redirect.get("code")).isNotBlank();
    }

    @Test
    void a_code_becomes_a_token_pair_that_reads_the_merchant() {
        JsonNode pair = exchange(authorize(null).get("code"));

        assertThat(pair.path("access_token").asText()).isNotBlank();
        assertThat(pair.path("refresh_token").asText()).isNotBlank();
        assertThat(pair.path("access_token_expiration").asLong())
                .isEqualTo(SandboxFixture.NOW.plus(options.accessTokenTtl()).getEpochSecond());
        assertThat(pair.path("refresh_token_expiration").asLong())
                .isGreaterThan(pair.path("access_token_expiration").asLong());
        CloverClient client = new CloverClient(sandbox, pair.path("access_token").asText());
        assertThat(client.get(sandbox.merchantIds().get(0), "").status()).isEqualTo(200);
    }

    @Test
    void a_code_is_good_once() {
        String code = authorize(null).get("code");
        exchange(code);

        CloverClient.Response again = anonymous.post("/oauth/v2/token", "{\"client_id\":\"" + options.clientId()
                + "\",\"client_secret\":\"" + options.clientSecret() + "\",\"code\":\"" + code + "\"}");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("message").asText()).isNotBlank();
    }

    @Test
    void the_wrong_client_secret_answers_401() {
        CloverClient.Response response = anonymous.post("/oauth/v2/token", "{\"client_id\":\"" + options.clientId()
                + "\",\"client_secret\":\"wrong\",\"code\":\"" + authorize(null).get("code") + "\"}");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void refresh_rotates_the_refresh_token() {
        JsonNode first = exchange(authorize(null).get("code"));

        CloverClient.Response refreshed = refresh(first.path("refresh_token").asText());
        CloverClient.Response reused = refresh(first.path("refresh_token").asText());

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().path("refresh_token").asText()).isNotEqualTo(first.path("refresh_token").asText());
        assertThat(reused.status()).isEqualTo(401);
        assertThat(refresh(refreshed.body().path("refresh_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void an_access_token_expires_on_the_sandbox_clock_and_a_refresh_brings_a_new_one() {
        JsonNode pair = exchange(authorize(null).get("code"));
        String mId = sandbox.merchantIds().get(0);
        sandbox.advance(options.accessTokenTtl().plus(Duration.ofMinutes(1)));

        assertThat(new CloverClient(sandbox, pair.path("access_token").asText()).get(mId, "").status()).isEqualTo(401);
        String fresh = refresh(pair.path("refresh_token").asText()).body().path("access_token").asText();
        assertThat(new CloverClient(sandbox, fresh).get(mId, "").status()).isEqualTo(200);
    }

    @Test
    void a_token_reads_only_its_own_merchant() {
        String second = sandbox.merchantIds().get(1);
        JsonNode pair = exchange(authorize(second).get("code"));
        CloverClient client = new CloverClient(sandbox, pair.path("access_token").asText());

        assertThat(client.get(second, "/orders").status()).isEqualTo(200);
        assertThat(client.get(sandbox.merchantIds().get(0), "/orders").status()).isEqualTo(401);
    }

    @Test
    void no_bearer_token_answers_401_with_a_message() {
        CloverClient.Response response = anonymous.get(sandbox.merchantIds().get(0), "/orders");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().path("message").asText()).isEqualTo("401 Unauthorized");
    }

    private Map<String, String> authorize(String merchantId) {
        CloverClient.Response response = merchantId == null
                ? anonymous.getRaw("/oauth/v2/authorize", "client_id", options.clientId(), "redirect_uri",
                        "http://127.0.0.1:9/callback", "state", "s-1")
                : anonymous.getRaw("/oauth/v2/authorize", "client_id", options.clientId(), "redirect_uri",
                        "http://127.0.0.1:9/callback", "state", "s-1", "merchant_id", merchantId);
        assertThat(response.status()).isEqualTo(302);
        URI location = URI.create(response.header("Location"));
        assertThat(location.getPath()).isEqualTo("/callback");
        Map<String, String> params = new LinkedHashMap<>();
        UrlEncoded.parse(location.getRawQuery()).forEach((k, v) -> params.put(k, v.get(0)));
        return params;
    }

    private JsonNode exchange(String code) {
        CloverClient.Response response = anonymous.post("/oauth/v2/token", "{\"client_id\":\"" + options.clientId()
                + "\",\"client_secret\":\"" + options.clientSecret() + "\",\"code\":\"" + code + "\"}");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private CloverClient.Response refresh(String refreshToken) {
        return anonymous.post("/oauth/v2/refresh", "{\"client_id\":\"" + options.clientId()
                + "\",\"refresh_token\":\"" + refreshToken + "\"}");
    }
}
