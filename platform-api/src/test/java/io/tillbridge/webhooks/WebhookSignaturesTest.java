package io.tillbridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.webhooks.WebhookSignatures.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

    /** The example of the Standard Webhooks specification. */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final Instant specNow = Instant.ofEpochSecond(SPEC_TIMESTAMP + 10);

    @Test
    void the_specification_example_signs_and_verifies() {
        assertThat(WebhookSignatures.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
        assertThat(WebhookSignatures.verify(SPEC_SECRET, SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE,
                SPEC_BODY, specNow)).isEqualTo(Verdict.VALID);
    }

    @Test
    void a_changed_body_byte_fails() {
        byte[] body = SPEC_BODY.clone();
        body[body.length - 2]++;
        assertThat(WebhookSignatures.verify(SPEC_SECRET, SPEC_ID, Long.toString(SPEC_TIMESTAMP), SPEC_SIGNATURE,
                body, specNow)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void another_secret_or_id_fails() {
        assertThat(WebhookSignatures.verify(WebhookSignatures.newSecret(), SPEC_ID, Long.toString(SPEC_TIMESTAMP),
                SPEC_SIGNATURE, SPEC_BODY, specNow)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(WebhookSignatures.verify(SPEC_SECRET, SPEC_ID + "x", Long.toString(SPEC_TIMESTAMP),
                SPEC_SIGNATURE, SPEC_BODY, specNow)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void a_timestamp_more_than_five_minutes_away_fails_either_way() {
        String ts = Long.toString(SPEC_TIMESTAMP);
        assertThat(WebhookSignatures.verify(SPEC_SECRET, SPEC_ID, ts, SPEC_SIGNATURE, SPEC_BODY,
                Instant.ofEpochSecond(SPEC_TIMESTAMP + 301))).isEqualTo(Verdict.BAD_TIMESTAMP);
        assertThat(WebhookSignatures.verify(SPEC_SECRET, SPEC_ID, ts, SPEC_SIGNATURE, SPEC_BODY,
                Instant.ofEpochSecond(SPEC_TIMESTAMP - 301))).isEqualTo(Verdict.BAD_TIMESTAMP);
        assertThat(WebhookSignatures.verify(SPEC_SECRET, SPEC_ID, ts, SPEC_SIGNATURE, SPEC_BODY,
                Instant.ofEpochSecond(SPEC_TIMESTAMP + 299))).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignatures.verify(SPEC_SECRET, SPEC_ID, "yesterday", SPEC_SIGNATURE, SPEC_BODY, specNow))
                .isEqualTo(Verdict.BAD_TIMESTAMP);
    }

    @Test
    void one_valid_signature_among_several_passes_and_other_versions_are_ignored() {
        String list = "v1,bm90LXRoZS1zaWduYXR1cmU= v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= " + SPEC_SIGNATURE;
        assertThat(WebhookSignatures.verify(SPEC_SECRET, SPEC_ID, Long.toString(SPEC_TIMESTAMP), list, SPEC_BODY,
                specNow)).isEqualTo(Verdict.VALID);
        assertThat(WebhookSignatures.verify(SPEC_SECRET, SPEC_ID, Long.toString(SPEC_TIMESTAMP),
                "v2," + SPEC_SIGNATURE.substring(3) + " v1,%%%", SPEC_BODY, specNow)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void missing_headers_fail() {
        assertThat(WebhookSignatures.verify(SPEC_SECRET, null, "1", SPEC_SIGNATURE, SPEC_BODY, specNow))
                .isEqualTo(Verdict.MISSING_HEADER);
        assertThat(WebhookSignatures.verify(SPEC_SECRET, SPEC_ID, Long.toString(SPEC_TIMESTAMP), " ", SPEC_BODY, specNow))
                .isEqualTo(Verdict.MISSING_HEADER);
    }

    @Test
    void new_secrets_are_prefixed_and_random() {
        String a = WebhookSignatures.newSecret();
        assertThat(a).startsWith("whsec_").hasSizeGreaterThan(40).isNotEqualTo(WebhookSignatures.newSecret());
    }
}
