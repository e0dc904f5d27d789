package dev.intake.domain.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a callback proves where it comes from: {@code X-Intake-Signature: sha256=<hex>}, the HMAC-SHA256, keyed with
 * the token's callback secret (its UTF-8 bytes), of the {@code X-Intake-Timestamp} value (seconds since the epoch),
 * a full stop, and the exact bytes of the body. Signing the timestamp with the body lets a receiver refuse old
 * deliveries played again.
 */
public final class CallbackSignature {

    public static final String SIGNATURE_HEADER = "X-Intake-Signature";
    public static final String TIMESTAMP_HEADER = "X-Intake-Timestamp";

    private CallbackSignature() {
    }

    /** The value of the signature header for this body sent at this time. */
    public static String sign(String secret, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
        }
    }
}
