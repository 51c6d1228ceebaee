package io.tillbridge.connectlinks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartnerRedirectsTest {

    @Test
    void https_and_loopback_http_are_accepted() {
        assertThat(PartnerRedirects.problem("https://app.partner.example/connected?x=1")).isEmpty();
        assertThat(PartnerRedirects.problem("http://127.0.0.1:8765/back")).isEmpty();
        assertThat(PartnerRedirects.problem("http://[::1]:8765/back")).isEmpty();
        assertThat(PartnerRedirects.problem("http://localhost/back")).isEmpty();
    }

    @Test
    void plain_http_elsewhere_fragments_user_info_and_relative_urls_are_refused_in_words() {
        assertThat(PartnerRedirects.problem("http://app.partner.example/back")).hasValueSatisfying(p -> assertThat(p)
                .contains("https"));
        assertThat(PartnerRedirects.problem("http://10.0.0.1/back")).isPresent();
        assertThat(PartnerRedirects.problem("https://app.partner.example/back#top")).hasValueSatisfying(p ->
                assertThat(p).contains("fragment"));
        assertThat(PartnerRedirects.problem("https://me:pw@app.partner.example/")).isPresent();
        assertThat(PartnerRedirects.problem("/connected")).isPresent();
        assertThat(PartnerRedirects.problem("javascript:alert(1)")).isPresent();
    }
}
