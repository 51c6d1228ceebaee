package io.tillbridge.isolation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tillbridge.access.Caller;
import io.tillbridge.platform.TestDatabaseProperties;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Access tokens that must be refused: expired, tampered with, or issued by someone else. */
final class ForgedTokens {

    private ForgedTokens() {
    }

    /** Correctly signed with the platform's key, but expired an hour ago. */
    static String expired(UUID userId, String email) {
        return sign(TestDatabaseProperties.TEST_JWT_SECRET, "tillbridge", userId, email,
                Instant.now().minusSeconds(3600));
    }

    /** Signed by another key with the right issuer. */
    static String otherKey(UUID userId, String email) {
        return sign("another-installations-secret-0123456789abcdefgh", "tillbridge", userId, email,
                Instant.now().plusSeconds(600));
    }

    /** Signed with the platform's key but naming another issuer. */
    static String otherIssuer(UUID userId, String email) {
        return sign(TestDatabaseProperties.TEST_JWT_SECRET, "someone-else", userId, email,
                Instant.now().plusSeconds(600));
    }

    /** A valid token whose payload was edited afterwards (another subject), keeping the signature. */
    static String tampered(String validToken, UUID otherUserId) {
        String[] parts = validToken.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String edited = payload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"" + otherUserId + "\"");
        String encoded = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(edited.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return parts[0] + "." + encoded + "." + parts[2];
    }

    private static String sign(String secret, String issuer, UUID userId, String email, Instant expires) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(userId.toString())
                    .issuer(issuer)
                    .issueTime(Date.from(Instant.now().minusSeconds(7200)))
                    .expirationTime(Date.from(expires))
                    .claim(Caller.CLAIM_KIND, Caller.KIND_USER)
                    .claim(Caller.CLAIM_EMAIL, email)
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
