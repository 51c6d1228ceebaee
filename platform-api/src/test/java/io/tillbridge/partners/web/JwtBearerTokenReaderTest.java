package io.tillbridge.partners.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.bearer.BearerTokenConfigurationProperties;
import org.junit.jupiter.api.Test;

/** The JWT side never sees a partner key. */
class JwtBearerTokenReaderTest {

    private final JwtBearerTokenReader reader = new JwtBearerTokenReader(new BearerTokenConfigurationProperties());

    @Test
    void a_partner_key_is_not_offered_to_the_jwt_validator() {
        HttpRequest<?> request = HttpRequest.GET("/api/v1/partner/tenants").bearerAuth("tbk_" + "a".repeat(12) + "_" + "b".repeat(43));
        assertThat(reader.findToken(request)).isEmpty();
        assertThat(PartnerKeyAuthenticationFetcher.partnerKey(request)).isPresent();
    }

    @Test
    void any_other_bearer_token_is_left_to_the_jwt_validator() {
        HttpRequest<?> request = HttpRequest.GET("/api/v1/partners").bearerAuth("eyJhbGciOiJIUzI1NiJ9.e30.sig");
        assertThat(reader.findToken(request)).hasValue("eyJhbGciOiJIUzI1NiJ9.e30.sig");
        assertThat(PartnerKeyAuthenticationFetcher.partnerKey(request)).isEmpty();
    }
}
