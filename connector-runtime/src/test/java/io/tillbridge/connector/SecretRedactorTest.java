package io.tillbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.spi.ConfigProperty;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    record Auth(String user, @ConfigProperty(secret = true) String password) {
    }

    record Config(String url, @ConfigProperty(secret = true) String token, Auth auth) {
    }

    @Test
    void set_secrets_are_masked_and_other_values_kept() {
        Map<String, Object> redacted = SecretRedactor.redact(new Config("https://x", "s3cr3t", new Auth("me", "pw")));
        assertThat(redacted).containsEntry("url", "https://x").containsEntry("token", "****");
        assertThat(redacted.get("auth")).isEqualTo(Map.of("user", "me", "password", "****"));
    }

    @Test
    void an_unset_secret_stays_visibly_unset() {
        assertThat(SecretRedactor.redact(new Config("https://x", null, null))).containsEntry("token", null);
    }

    @Test
    void the_description_for_logs_holds_no_secret() {
        String line = SecretRedactor.describe(new Config("https://x", "s3cr3t", new Auth("me", "pw")));
        assertThat(line).isEqualTo("Config[url=https://x, token=****, auth=[user=me, password=****]]");
        assertThat(line).doesNotContain("s3cr3t").doesNotContain("pw]");
    }
}
