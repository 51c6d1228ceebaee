package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

/**
 * Only access tokens this platform signed, for itself, and unexpired, open the API. The forged
 * tokens carry exactly the claims of a real one, so that only the property under test differs.
 */
@MicronautTest(transactional = false)
class AccessTokenIT extends IdentityFixture {

    private static final String OTHER_SECRET = "another-installation-secret-0123456789abcdef";

    private String userId() {
        return (String) signUp(randomEmail()).get("userId");
    }

    private static String sign(String secret, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims(String userId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(userId).issuer("tillbridge")
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("knd", "user").claim("email", "someone@example.test");
    }

    private int meWith(String token) {
        return get("/api/v1/me", "Authorization", bearer(token)).statusCode();
    }

    @Test
    void a_token_forged_with_the_platform_secret_is_accepted_so_the_forgeries_below_are_fair() throws Exception {
        assertThat(meWith(sign(TEST_JWT_SECRET, claims(userId()).build()))).isEqualTo(200);
    }

    @Test
    void a_token_signed_with_another_secret_answers_401() throws Exception {
        assertThat(meWith(sign(OTHER_SECRET, claims(userId()).build()))).isEqualTo(401);
    }

    @Test
    void a_token_from_another_issuer_answers_401() throws Exception {
        assertThat(meWith(sign(TEST_JWT_SECRET, claims(userId()).issuer("someone-else").build()))).isEqualTo(401);
    }

    @Test
    void an_expired_token_answers_401() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        assertThat(meWith(sign(TEST_JWT_SECRET, claims(userId()).issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(15)))).build()))).isEqualTo(401);
    }

    @Test
    void a_tampered_token_answers_401() throws Exception {
        String email = randomEmail();
        signUp(email);
        String token = (String) session(email, PASSWORD).get("accessToken");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace("\"sub\":\"", "\"sub\":\"" + userId() + "\",\"was\":\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertThat(forged).isNotEqualTo(payload);
        assertThat(meWith(tampered)).isEqualTo(401);
    }

    @Test
    void an_unsigned_token_answers_401() throws Exception {
        String unsigned = new com.nimbusds.jwt.PlainJWT(claims(userId()).build()).serialize();

        assertThat(meWith(unsigned)).isEqualTo(401);
    }

    @Test
    void a_refused_token_answers_a_problem() throws Exception {
        var response = get("/api/v1/me", "Authorization", bearer(sign(OTHER_SECRET, claims(userId()).build())));

        assertProblem(response, 401, "unauthorized");
    }
}
