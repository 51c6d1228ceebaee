package io.tillbridge.outbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verification written from the Standard Webhooks specification, independently of the platform's
 * signer: the key is the base64 after {@code whsec_}; the signed content is
 * {@code id.timestamp.body}; the header lists {@code v1,<base64 HMAC-SHA256>} entries separated by
 * spaces, any of which may match.
 */
final class Signatures {

    private Signatures() {
    }

    static boolean verifies(String secret, WebhookReceiver.Received request) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((request.id() + "." + request.timestamp() + "." + request.body())
                    .getBytes(StandardCharsets.UTF_8));
            for (String entry : request.signature().split(" ")) {
                if (entry.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(entry.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
